// The status codes without loading grpc-js (see grpc-status.ts): the CLI's fast path uses this client.
import * as grpc from '../../protocol/grpc-status';
import { EventEmitter } from 'node:events';
import { ClientHttp2Stream, Http2Session, IncomingHttpHeaders, constants as h2 } from 'node:http2';
import { frameMessage, GrpcMessageDecoder } from './grpc-message.framer';
import { GrpcCallStatusError, statusForRstCode, statusFromHeaders } from './grpc-call-status';

export interface CallStatus {
  code: grpc.status;
  details: string;
}

/**
 * One gRPC call on a raw HTTP/2 stream: messages out with `write`/`end` (backpressure through
 * `write`'s result and 'drain'), messages in as 'message' events, then exactly one 'status'.
 * Events: 'metadata' (response headers), 'message' (Buffer), 'drain', 'status' (CallStatus).
 */
export class H2GrpcCall extends EventEmitter {
  private status: CallStatus | null = null;
  /** The trailers' status, held until every message before it has been read (see onTrailers). */
  private trailerStatus: CallStatus | null = null;
  private readonly decoder: GrpcMessageDecoder;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: ClientHttp2Stream,
    maxMessageBytes: number,
    deadlineMs: number | undefined,
  ) {
    super();
    this.decoder = new GrpcMessageDecoder(maxMessageBytes);
    if (deadlineMs !== undefined) {
      this.timer = setTimeout(() => this.cancel(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded'), deadlineMs);
    }
    stream.on('response', (headers) => this.onResponse(headers));
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.on('trailers', (trailers) => this.onTrailers(trailers));
    stream.on('end', () => this.onEnd());
    stream.on('drain', () => this.emit('drain'));
    stream.on('error', (error: NodeJS.ErrnoException) => this.finish(statusForStreamError(error)));
    stream.on('close', () => this.onClose());
  }

  /** The HTTP/2 session the call runs on (gone once the stream is destroyed). */
  get session(): Http2Session | undefined {
    return this.stream.session;
  }

  get finished(): boolean {
    return this.status !== null;
  }

  /** Sends one encoded message; false means wait for 'drain' before the next. */
  write(message: Uint8Array): boolean {
    if (this.status || this.stream.destroyed) return false;
    return this.stream.write(frameMessage(message));
  }

  /** Half-closes the request side, optionally with a last message (one write for a unary call). */
  end(message?: Uint8Array): void {
    if (this.status || this.stream.destroyed) return;
    if (message) this.stream.end(frameMessage(message));
    else this.stream.end();
  }

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    this.stream.resume();
  }

  cancel(code: grpc.status = grpc.status.CANCELLED, details = 'Cancelled on client'): void {
    if (this.status) return;
    this.finish({ code, details });
    if (!this.stream.destroyed) this.stream.close(h2.NGHTTP2_CANCEL);
  }

  private onResponse(headers: IncomingHttpHeaders): void {
    const httpStatus = Number(headers[':status']);
    if (httpStatus !== 200) {
      this.finish(statusFromHeaders(headers) ?? { code: statusForHttp(httpStatus), details: `HTTP status ${httpStatus}` });
      return;
    }
    // A trailers-only response carries the status in its headers.
    const status = statusFromHeaders(headers);
    if (status) {
      this.finish(status);
      return;
    }
    this.emit('metadata', headers);
  }

  private onData(chunk: Buffer): void {
    if (this.status) return;
    try {
      this.decoder.push(chunk, (message) => this.emit('message', message));
    } catch (error) {
      this.cancel(grpc.status.RESOURCE_EXHAUSTED, (error as Error).message);
    }
  }

  private onTrailers(trailers: IncomingHttpHeaders): void {
    // The trailers arrive as soon as the server sends them, while DATA held back by a paused
    // reader may still be buffered in the stream: ending the call here would lose those
    // messages (a 1 GiB download came up short). The status waits for the stream's 'end'.
    const status = statusFromHeaders(trailers) ?? { code: grpc.status.INTERNAL, details: 'trailers without grpc-status' };
    if (this.stream.readableEnded) this.finish(status);
    else this.trailerStatus = status;
  }

  private onEnd(): void {
    if (this.trailerStatus) this.finish(this.trailerStatus);
  }

  private onClose(): void {
    if (this.status) return;
    if (this.trailerStatus) return this.finish(this.trailerStatus);
    // The connection went away under the call (the plugin process died): the plugin is down,
    // not faulty, as grpc-js reports it ("Connection dropped" → UNAVAILABLE → 503).
    const session = this.stream.session;
    if (!session || session.destroyed || session.closed) {
      this.finish({ code: grpc.status.UNAVAILABLE, details: 'Connection dropped' });
      return;
    }
    const rst = this.stream.rstCode;
    if (rst !== undefined && rst !== h2.NGHTTP2_NO_ERROR) {
      this.finish({ code: statusForRstCode(rst), details: `stream reset with code ${rst}` });
    } else {
      this.finish({ code: grpc.status.INTERNAL, details: 'the stream closed without a gRPC status' });
    }
  }

  private finish(status: CallStatus): void {
    if (this.status) return;
    this.status = status;
    if (this.timer) clearTimeout(this.timer);
    // The server has ended the call; a request side still open (a body it did not read) must
    // not keep the HTTP/2 stream, and so the session and the server's shutdown, waiting.
    if (!this.stream.destroyed && !this.stream.writableEnded) this.stream.close(h2.NGHTTP2_CANCEL);
    this.emit('status', status);
  }
}

/** Resolves with the single answer of a call whose request was already sent and ended. */
export function collectUnary(call: H2GrpcCall): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let answer: Buffer | null = null;
    call.on('message', (message: Buffer) => {
      answer = message;
    });
    call.once('status', (status: CallStatus) => {
      if (status.code !== grpc.status.OK) reject(new GrpcCallStatusError(status.code, status.details));
      else if (answer === null) reject(new GrpcCallStatusError(grpc.status.INTERNAL, 'no response message'));
      else resolve(answer);
    });
  });
}

function statusForStreamError(error: NodeJS.ErrnoException): CallStatus {
  // A stream opened while the session connects is cancelled when the connect fails; the cause says why.
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  if (error.code === 'ERR_HTTP2_STREAM_CANCEL' && cause) {
    return { code: grpc.status.UNAVAILABLE, details: `${cause.code ?? ''} ${cause.message}`.trim() };
  }
  const connectErrors = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_SESSION_ERROR'];
  if (error.code && connectErrors.includes(error.code)) {
    return { code: grpc.status.UNAVAILABLE, details: `${error.code}: ${error.message}` };
  }
  if (error.code === 'ERR_HTTP2_STREAM_ERROR' || error.code === 'ERR_HTTP2_INVALID_SESSION') {
    return { code: grpc.status.UNAVAILABLE, details: error.message };
  }
  return { code: grpc.status.INTERNAL, details: error.message };
}

/** gRPC over HTTP/2: an HTTP status without grpc-status maps to a gRPC code. */
function statusForHttp(httpStatus: number | undefined): grpc.status {
  switch (httpStatus) {
    case 400:
      return grpc.status.INTERNAL;
    case 401:
      return grpc.status.UNAUTHENTICATED;
    case 403:
      return grpc.status.PERMISSION_DENIED;
    case 404:
      return grpc.status.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return grpc.status.UNAVAILABLE;
    default:
      return grpc.status.UNKNOWN;
  }
}
