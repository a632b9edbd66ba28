import { decodeSocketMessage, encodeSocketMessage } from './websocket-message.codec';

describe('trace context on WebSocket DATA messages', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('travels in the DATA headers and comes back as the event\'s trace', () => {
    const bytes = encodeSocketMessage({ type: 'data', frame: { kind: 'text', data: 'hi' }, trace: { traceparent, baggage: 'user=ada' } });
    expect(decodeSocketMessage(bytes)).toEqual({ type: 'data', frame: { kind: 'text', data: 'hi' }, trace: { traceparent, baggage: 'user=ada' } });
  });

  it('leaves a DATA message without it as it was (no trace key at all)', () => {
    expect(decodeSocketMessage(encodeSocketMessage({ type: 'data', frame: { kind: 'text', data: 'hi' } }))).toEqual({
      type: 'data',
      frame: { kind: 'text', data: 'hi' },
    });
  });
});
