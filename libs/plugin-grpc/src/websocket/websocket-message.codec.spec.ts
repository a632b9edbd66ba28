import { loadDomainService } from '../protocol/protocol.loader';
import { WireWebSocketMessage, WireWebSocketType } from '../protocol/protocol.types';
import { SocketWireEvent, decodeSocketMessage, encodeSocketEvent } from './websocket-message.codec';

/** Through real protobuf bytes, as the other side of the stream reads them. */
function overTheWire(event: SocketWireEvent): WireWebSocketMessage {
  const method = loadDomainService().service.HandleWebSocket;
  return method.requestDeserialize(method.requestSerialize(encodeSocketEvent(event))) as WireWebSocketMessage;
}

describe('WebSocketMessage codec', () => {
  it.each<SocketWireEvent>([
    { type: 'connect', path: '/ws/code/watch', query: 'a=1&b=2', headers: { cookie: 'x=1', origin: 'http://h' } },
    { type: 'connect', path: '/ws/code/watch', query: '', headers: {} },
    { type: 'data', frame: { kind: 'text', data: 'héllo ✓' } },
    { type: 'data', frame: { kind: 'binary', data: Buffer.from([0, 255, 10]) } },
    { type: 'close', code: 4100, reason: 'done' },
    { type: 'ping', data: Buffer.from('p') },
    { type: 'pong', data: Buffer.from('p') },
    { type: 'error', message: 'boom' },
  ])('carries $type through protobuf unchanged', (event) => {
    expect(decodeSocketMessage(overTheWire(event))).toEqual(event);
  });

  it('uses the reference enum numbers and the documented header keys', () => {
    const connect = overTheWire({ type: 'connect', path: '/ws/p/s', query: 'q=1', headers: {} });
    expect(connect.type).toBe(0);
    expect(connect.headers).toEqual({ ':path': '/ws/p/s', ':query': 'q=1' });
    const data = overTheWire({ type: 'data', frame: { kind: 'text', data: 'x' } });
    expect([data.type, data.headers]).toEqual([1, { kind: 'text' }]);
    const close = overTheWire({ type: 'close', code: 1001, reason: 'away' });
    expect([close.type, close.headers]).toEqual([2, { code: '1001', reason: 'away' }]);
    expect(Number(close.timestamp)).toBeGreaterThan(Date.UTC(2020, 0) * 1e6);
  });

  it('reads a DATA without "kind" as binary and a CLOSE without "code" as 1000', () => {
    const bare = (type: WireWebSocketType): WireWebSocketMessage => ({ type, data: Buffer.from('x'), headers: {}, timestamp: '0' });
    expect(decodeSocketMessage(bare(WireWebSocketType.DATA))).toEqual({ type: 'data', frame: { kind: 'binary', data: Buffer.from('x') } });
    expect(decodeSocketMessage(bare(WireWebSocketType.CLOSE))).toEqual({ type: 'close', code: 1000, reason: '' });
    expect(decodeSocketMessage(bare(42 as WireWebSocketType))).toBeNull();
  });
});
