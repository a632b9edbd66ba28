import { Long, Reader, Writer } from 'protobufjs';
import { WebSocketFrame } from '@qntx/domains';
import { WireWebSocketType } from '../protocol/protocol.types';
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
  /** `trace`: the W3C trace context (traceparent, tracestate, baggage) the message travels in, as DATA headers. */
  | { type: 'data'; frame: WebSocketFrame; trace?: Record<string, string> }
  | { type: 'close'; code: number; reason: string }
  | { type: 'ping'; data: Buffer }
  | { type: 'pong'; data: Buffer }
  | { type: 'error'; message: string };

/** A message of a type this side does not know: ignored, as the contract asks. */
export interface UnknownSocketMessage {
  type: 'unknown';
  wireType: number;
}

export type ReceivedSocketEvent = SocketWireEvent | UnknownSocketMessage;

const EMPTY = Buffer.alloc(0);

// Field tags of WebSocketMessage (proto/domain.proto): (field number << 3) | wire type.
const TAG_TYPE = (1 << 3) | 0;
const TAG_DATA = (2 << 3) | 2;
const TAG_HEADERS = (3 << 3) | 2;
const TAG_TIMESTAMP = (4 << 3) | 0;
const TAG_ENTRY_KEY = (1 << 3) | 2;
const TAG_ENTRY_VALUE = (2 << 3) | 2;

/**
 * The protobuf bytes of one message, written directly: no intermediate message object, text
 * written as UTF-8 straight from the string. Any protobuf reader reads them as the message
 * proto-loader would have written (the codec spec checks it both ways).
 */
export function encodeSocketMessage(event: SocketWireEvent): Buffer {
  const writer = Writer.create();
  switch (event.type) {
    case 'connect': {
      writeType(writer, WireWebSocketType.CONNECT);
      for (const name of Object.keys(event.headers)) writeHeader(writer, name, event.headers[name]);
      writeHeader(writer, WS_HEADER_PATH, event.path);
      if (event.query) writeHeader(writer, WS_HEADER_QUERY, event.query);
      break;
    }
    case 'data': {
      const { frame } = event;
      writeType(writer, WireWebSocketType.DATA);
      // A string goes in as its UTF-8 bytes, the same length-delimited bytes as a Buffer.
      if (frame.kind === 'text') writer.uint32(TAG_DATA).string(frame.data);
      else writer.uint32(TAG_DATA).bytes(frame.data);
      writeHeader(writer, WS_HEADER_KIND, frame.kind);
      if (event.trace) for (const name of Object.keys(event.trace)) writeHeader(writer, name, event.trace[name]);
      break;
    }
    case 'close':
      writeType(writer, WireWebSocketType.CLOSE);
      writeHeader(writer, WS_HEADER_CODE, String(event.code));
      writeHeader(writer, WS_HEADER_REASON, event.reason);
      break;
    case 'ping':
    case 'pong':
      writeType(writer, event.type === 'ping' ? WireWebSocketType.PING : WireWebSocketType.PONG);
      writer.uint32(TAG_DATA).bytes(event.data);
      break;
    case 'error':
      writeType(writer, WireWebSocketType.ERROR);
      writer.uint32(TAG_DATA).string(event.message);
      break;
  }
  writer.uint32(TAG_TIMESTAMP).int64(nowInNanoseconds());
  return writer.finish() as Buffer;
}

/**
 * The meaning of received protobuf bytes. Data is sliced from `bytes`, not copied, and a text
 * frame is read straight into a string. Unknown fields are skipped; a missing "kind" reads as
 * binary and a CLOSE without "code" as 1000. Malformed bytes throw, which fails the call (1011).
 */
export function decodeSocketMessage(bytes: Uint8Array): ReceivedSocketEvent {
  const reader = Reader.create(bytes);
  let type = 0;
  let dataStart = 0;
  let dataEnd = 0;
  const headers: Record<string, string> = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    switch (tag) {
      case TAG_TYPE:
        type = reader.int32();
        break;
      case TAG_DATA: {
        const length = reader.uint32();
        dataStart = reader.pos;
        dataEnd = dataStart + length;
        reader.skip(length);
        break;
      }
      case TAG_HEADERS:
        readHeader(reader, headers);
        break;
      default:
        reader.skipType(tag & 7);
    }
  }
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case WireWebSocketType.CONNECT: {
      const { [WS_HEADER_PATH]: path = '', [WS_HEADER_QUERY]: query = '', ...rest } = headers;
      return { type: 'connect', path, query, headers: rest };
    }
    case WireWebSocketType.DATA: {
      const frame: WebSocketFrame =
        headers[WS_HEADER_KIND] === 'text'
          ? { kind: 'text', data: buffer.toString('utf8', dataStart, dataEnd) }
          : { kind: 'binary', data: slice(buffer, dataStart, dataEnd) };
      return headers.traceparent === undefined ? { type: 'data', frame } : { type: 'data', frame, trace: traceHeaders(headers) };
    }
    case WireWebSocketType.CLOSE: {
      const code = Number(headers[WS_HEADER_CODE] ?? 1000);
      return { type: 'close', code: Number.isInteger(code) ? code : 1000, reason: headers[WS_HEADER_REASON] ?? '' };
    }
    case WireWebSocketType.PING:
      return { type: 'ping', data: slice(buffer, dataStart, dataEnd) };
    case WireWebSocketType.PONG:
      return { type: 'pong', data: slice(buffer, dataStart, dataEnd) };
    case WireWebSocketType.ERROR:
      return { type: 'error', message: buffer.toString('utf8', dataStart, dataEnd) };
    default:
      return { type: 'unknown', wireType: type };
  }
}

/** Bytes a frame occupies on the wire, for size limits and buffer accounting. */
export function frameBytes(frame: WebSocketFrame): number {
  return frame.kind === 'text' ? Buffer.byteLength(frame.data) : frame.data.length;
}

function slice(buffer: Buffer, start: number, end: number): Buffer {
  return end > start ? buffer.subarray(start, end) : EMPTY;
}

function writeType(writer: Writer, type: WireWebSocketType): void {
  // proto3 leaves a field at its default (CONNECT = 0) out.
  if (type !== 0) writer.uint32(TAG_TYPE).int32(type);
}

function writeHeader(writer: Writer, name: string, value: string): void {
  writer.uint32(TAG_HEADERS).fork().uint32(TAG_ENTRY_KEY).string(name).uint32(TAG_ENTRY_VALUE).string(value).ldelim();
}

function readHeader(reader: Reader, headers: Record<string, string>): void {
  const end = reader.uint32() + reader.pos;
  let name = '';
  let value = '';
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === TAG_ENTRY_KEY) name = reader.string();
    else if (tag === TAG_ENTRY_VALUE) value = reader.string();
    else reader.skipType(tag & 7);
  }
  headers[name] = value;
}

/**
 * `timestamp` (Unix nanoseconds, int64) as the low and high 32 bits protobufjs writes. Worked
 * out once per millisecond: turning a 19-digit string into a Long on every frame was a visible
 * share of each side's CPU.
 */
let stampMs = -1;
let stamp: Long = { low: 0, high: 0, unsigned: false } as Long;
function nowInNanoseconds(): Long {
  const ms = Date.now();
  if (ms !== stampMs) {
    const ns = BigInt(ms) * 1_000_000n;
    stamp = { low: Number(ns & 0xffffffffn), high: Number(ns >> 32n), unsigned: false } as Long;
    stampMs = ms;
  }
  return stamp;
}

function traceHeaders(headers: Record<string, string>): Record<string, string> {
  const trace: Record<string, string> = { traceparent: headers.traceparent };
  if (headers.tracestate !== undefined) trace.tracestate = headers.tracestate;
  if (headers.baggage !== undefined) trace.baggage = headers.baggage;
  return trace;
}
