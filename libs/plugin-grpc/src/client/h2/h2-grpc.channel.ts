// The status codes without loading grpc-js (see grpc-status.ts): the CLI's fast path uses this client.
import * as grpc from '../../protocol/grpc-status';
import { ClientHttp2Session, connect, OutgoingHttpHeaders } from 'node:http2';
import { H2GrpcCall, collectUnary } from './h2-grpc.call';

export interface H2GrpcChannelOptions {
  /** Metadata sent with every call (the plugin token). */
  metadata?: Record<string, string>;
  maxMessageBytes: number;
  /**
   * HTTP/2 receive window per stream and per connection: 16 MiB unless set. A channel whose
   * window bounds what a peer may push at a paused reader (WebSockets) keeps HTTP/2's default
   * with `HTTP2_DEFAULT_WINDOW`.
   */
  windowBytes?: number;
}

/** HTTP/2's own initial window (RFC 9113 §6.9.2). */
export const HTTP2_DEFAULT_WINDOW = 65_535;

/** HTTP/2 flow-control window: large enough that a 64 KiB body never waits for a WINDOW_UPDATE. */
const WINDOW_BYTES = 16 * 1024 * 1024;

/**
 * A lean gRPC client channel over one `node:http2` session, for the per-request hot path. It
 * speaks standard gRPC on the wire (any gRPC server answers it), but skips grpc-js's per-call
 * machinery (call stack filters, metadata objects, status builders), which dominated the
 * host's CPU per proxied request. Plaintext only: TLS plugins use grpc-js.
 * The session is opened on first use and again after it closes, so a restarted plugin is
 * reached without any backoff.
 */
export class H2GrpcChannel {
  private session: ClientHttp2Session | null = null;
  private readonly staticHeaders: OutgoingHttpHeaders;

  constructor(
    private readonly address: string,
    private readonly options: H2GrpcChannelOptions,
  ) {
    this.staticHeaders = { 'content-type': 'application/grpc', te: 'trailers', ...(options.metadata ?? {}) };
  }

  /** Starts a call to `/package.Service/Method`; with a deadline, the call ends DEADLINE_EXCEEDED past it. */
  start(path: string, options: { deadlineMs?: number; metadata?: Record<string, string> } = {}): H2GrpcCall {
    const headers: OutgoingHttpHeaders = { ...this.staticHeaders, ':method': 'POST', ':path': path };
    if (options.deadlineMs !== undefined) headers['grpc-timeout'] = `${Math.max(1, Math.ceil(options.deadlineMs))}m`;
    if (options.metadata) Object.assign(headers, options.metadata);
    const stream = this.connection().request(headers);
    return new H2GrpcCall(stream, this.options.maxMessageBytes, options.deadlineMs);
  }

  /** One request message, one answer. */
  unary(
    path: string,
    message: Uint8Array,
    options: { deadlineMs?: number; signal?: AbortSignal; metadata?: Record<string, string> } = {},
  ): Promise<Buffer> {
    const call = this.start(path, options);
    const answer = collectUnary(call);
    call.end(message);
    if (options.signal) {
      const cancel = (): void => call.cancel(grpc.status.CANCELLED, 'Cancelled by the caller');
      if (options.signal.aborted) cancel();
      else {
        options.signal.addEventListener('abort', cancel, { once: true });
        call.once('status', () => options.signal!.removeEventListener('abort', cancel));
      }
    }
    return answer;
  }

  close(): void {
    const session = this.session;
    this.session = null;
    if (session && !session.destroyed) session.close();
  }

  private connection(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) return current;
    const window = this.options.windowBytes ?? WINDOW_BYTES;
    const widen = window > HTTP2_DEFAULT_WINDOW;
    const session = connect(`http://${this.address}`, widen ? { settings: { initialWindowSize: window } } : {});
    if (widen) session.on('connect', () => session.setLocalWindowSize(window));
    const forget = (): void => {
      if (this.session === session) this.session = null;
    };
    // A failed connect also fails the streams opened on it: they report UNAVAILABLE themselves.
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    // An idle channel must not keep a CLI process alive.
    session.unref();
    this.session = session;
    return session;
  }
}
