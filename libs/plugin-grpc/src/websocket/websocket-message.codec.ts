import { WebSocketFrame } from '@qntx/domains';
import { WireWebSocketMessage, WireWebSocketType } from '../protocol/protocol.types';
import {
  WS_HEADER_CODE,
  WS_HEADER_KIND,
  WS_HEADER_PATH,
  WS_HEADER_QUERY,
  WS_HEADER_REASON,
} from './websocket.constants';

/** One `WebSocketMessage`, as what it means rather than how it travels. */
export type SocketWireEvent =
  | { type: 'connect'; path: string; query: string; headers: Record<string, string> }
  | { type: 'data'; frame: WebSocketFrame }
  | { type: 'close'; code: number; reason: string }
  | { type: 'ping'; data: Buffer }
  | { type: 'pong'; data: Buffer }
  | { type: 'error'; message: string };

const EMPTY = Buffer.alloc(0);

export function encodeSocketEvent(event: SocketWireEvent): WireWebSocketMessage {
  const timestamp = (BigInt(Date.now()) * 1_000_000n).toString();
  const message = (type: WireWebSocketType, data: Buffer, headers: Record<string, string> = {}) => ({
    type,
    data,
    headers,
    timestamp,
  });
  switch (event.type) {
    case 'connect': {
      const headers: Record<string, string> = { ...event.headers, [WS_HEADER_PATH]: event.path };
      if (event.query) headers[WS_HEADER_QUERY] = event.query;
      return message(WireWebSocketType.CONNECT, EMPTY, headers);
    }
    case 'data': {
      const { frame } = event;
      const data = frame.kind === 'text' ? Buffer.from(frame.data, 'utf8') : frame.data;
      return message(WireWebSocketType.DATA, data, { [WS_HEADER_KIND]: frame.kind });
    }
    case 'close':
      return message(WireWebSocketType.CLOSE, EMPTY, {
        [WS_HEADER_CODE]: String(event.code),
        [WS_HEADER_REASON]: event.reason,
      });
    case 'ping':
      return message(WireWebSocketType.PING, event.data);
    case 'pong':
      return message(WireWebSocketType.PONG, event.data);
    case 'error':
      return message(WireWebSocketType.ERROR, Buffer.from(event.message, 'utf8'));
  }
}

/** The meaning of a received message; null for a type this side does not know (ignored). */
export function decodeSocketMessage(message: WireWebSocketMessage): SocketWireEvent | null {
  const headers = message.headers ?? {};
  const data = message.data ?? EMPTY;
  switch (message.type) {
    case WireWebSocketType.CONNECT: {
      const { [WS_HEADER_PATH]: path = '', [WS_HEADER_QUERY]: query = '', ...rest } = headers;
      return { type: 'connect', path, query, headers: rest };
    }
    case WireWebSocketType.DATA:
      return {
        type: 'data',
        frame: headers[WS_HEADER_KIND] === 'text' ? { kind: 'text', data: data.toString('utf8') } : { kind: 'binary', data },
      };
    case WireWebSocketType.CLOSE: {
      const code = Number(headers[WS_HEADER_CODE] ?? 1000);
      return { type: 'close', code: Number.isInteger(code) ? code : 1000, reason: headers[WS_HEADER_REASON] ?? '' };
    }
    case WireWebSocketType.PING:
      return { type: 'ping', data };
    case WireWebSocketType.PONG:
      return { type: 'pong', data };
    case WireWebSocketType.ERROR:
      return { type: 'error', message: data.toString('utf8') };
    default:
      return null;
  }
}

/** Bytes a frame occupies on the wire, for size limits and buffer accounting. */
export function frameBytes(frame: WebSocketFrame): number {
  return frame.kind === 'text' ? Buffer.byteLength(frame.data) : frame.data.length;
}
