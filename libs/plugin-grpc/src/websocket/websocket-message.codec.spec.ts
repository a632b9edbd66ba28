import { loadDomainService } from '../protocol/protocol.loader';
import { WireWebSocketMessage, WireWebSocketType } from '../protocol/protocol.types';
import { SocketWireEvent, decodeSocketMessage, encodeSocketMessage } from './websocket-message.codec';

/** proto-loader's codec of the message: what a plugin on plain grpc-js reads and writes. */
const protoLoader = loadDomainService().service.HandleWebSocket;
const readByProtoLoader = (bytes: Buffer) => protoLoader.requestDeserialize(bytes) as WireWebSocketMessage;
const writtenByProtoLoader = (message: WireWebSocketMessage) => protoLoader.requestSerialize(message);

const EVENTS: SocketWireEvent[] = [
  { type: 'connect', path: '/ws/code/watch', query: 'a=1&b=2', headers: { cookie: 'x=1', origin: 'http://h' } },
  { type: 'connect', path: '/ws/code/watch', query: '', headers: {} },
  { type: 'data', frame: { kind: 'text', data: 'héllo ✓' } },
  { type: 'data', frame: { kind: 'text', data: '' } },
  { type: 'data', frame: { kind: 'binary', data: Buffer.from([0, 255, 10]) } },
  { type: 'close', code: 4100, reason: 'done' },
  { type: 'ping', data: Buffer.from('p') },
  { type: 'pong', data: Buffer.from('p') },
  { type: 'error', message: 'boom' },
];

describe('WebSocketMessage codec', () => {
  it.each(EVENTS)('carries $type through protobuf unchanged', (event) => {
    expect(decodeSocketMessage(encodeSocketMessage(event))).toEqual(event);
  });

  it.each(EVENTS)('writes $type as proto-loader reads it, and reads it back from proto-loader', (event) => {
    const message = readByProtoLoader(encodeSocketMessage(event));
    expect(decodeSocketMessage(writtenByProtoLoader(message))).toEqual(event);
  });

  it('uses the reference enum numbers, the documented header keys and a nanosecond timestamp', () => {
    const connect = readByProtoLoader(encodeSocketMessage({ type: 'connect', path: '/ws/p/s', query: 'q=1', headers: {} }));
    expect(connect.type).toBe(0);
    expect(connect.headers).toEqual({ ':path': '/ws/p/s', ':query': 'q=1' });
    const data = readByProtoLoader(encodeSocketMessage({ type: 'data', frame: { kind: 'text', data: 'x' } }));
    expect([data.type, data.headers, data.data.toString()]).toEqual([1, { kind: 'text' }, 'x']);
    const before = BigInt(Date.now()) * 1_000_000n;
    const close = readByProtoLoader(encodeSocketMessage({ type: 'close', code: 1001, reason: 'away' }));
    expect([close.type, close.headers]).toEqual([2, { code: '1001', reason: 'away' }]);
    expect(BigInt(close.timestamp)).toBeGreaterThanOrEqual(before);
    expect(BigInt(close.timestamp)).toBeLessThanOrEqual(BigInt(Date.now()) * 1_000_000n);
  });

  it('reads a DATA without "kind" as binary, a CLOSE without "code" as 1000 and an unknown type as unknown', () => {
    const bare = (type: WireWebSocketType) => writtenByProtoLoader({ type, data: Buffer.from('x'), headers: {}, timestamp: '0' });
    expect(decodeSocketMessage(bare(WireWebSocketType.DATA))).toEqual({ type: 'data', frame: { kind: 'binary', data: Buffer.from('x') } });
    expect(decodeSocketMessage(bare(WireWebSocketType.CLOSE))).toEqual({ type: 'close', code: 1000, reason: '' });
    expect(decodeSocketMessage(bare(42 as WireWebSocketType))).toEqual({ type: 'unknown', wireType: 42 });
  });

  it('skips fields it does not know', () => {
    const known = encodeSocketMessage({ type: 'data', frame: { kind: 'text', data: 'hi' } });
    // field 15, length-delimited, 3 bytes; and field 14, a varint
    const withExtras = Buffer.concat([Buffer.from([(15 << 3) | 2, 3, 1, 2, 3, (14 << 3) | 0, 0x96, 0x01]), known]);
    expect(decodeSocketMessage(withExtras)).toEqual({ type: 'data', frame: { kind: 'text', data: 'hi' } });
  });

  it('throws on truncated bytes rather than reading past them', () => {
    const bytes = encodeSocketMessage({ type: 'data', frame: { kind: 'text', data: 'hello' } });
    expect(() => decodeSocketMessage(bytes.subarray(0, 4))).toThrow(RangeError);
  });
});
