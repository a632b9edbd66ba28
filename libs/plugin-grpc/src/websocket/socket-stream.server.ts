import * as grpc from '@grpc/grpc-js';
import {
  ANY_WEBSOCKET_PATH,
  WebSocketCloseCode,
  WebSocketFrame,
  WebSocketHandler,
  WebSocketPeer,
  WebSocketSession,
  messageOf,
} from '@qntx/domains';
import { WireWebSocketPaths } from '../protocol/protocol.types';
import { ReceivedSocketEvent, SocketWireEvent } from './websocket-message.codec';
import { ROOT_CONTEXT, SpanKind, context, trace } from '@opentelemetry/api';
import { DOMAIN_RPC_SERVICE, activeTracer, contextFromEntries, rpcAttributes } from '../tracing';

/** The plugin's end of the call: events in and out, through `withSocketMessageCodec`'s codec. */
export type SocketServerCall = grpc.ServerDuplexStream<ReceivedSocketEvent, SocketWireEvent>;

/**
 * The plugin's end of one `HandleWebSocket` stream: waits for CONNECT, finds the handler for the
 * path and runs it with the stream standing in for the client. Backpressure maps onto the
 * stream: `send` returns what `write` returns, 'drain' becomes `onDrain`, pause stops reading.
 */
export class SocketStreamServer {
  private session: WebSocketSession | null = null;
  /** The socket path the client asked for ("watch"), set at CONNECT. */
  private path = '';
  private readonly early: SocketWireEvent[] = [];
  private connected = false;
  private ended: { code: number; reason: string } | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly call: SocketServerCall,
    private readonly handlers: Record<string, WebSocketHandler>,
    private readonly plugin: string,
  ) {}

  start(): void {
    this.call.on('data', (event: ReceivedSocketEvent) => this.receive(event));
    // The host half-closing without CLOSE, or the stream torn down: the client is gone.
    this.call.on('end', () => this.finish(WebSocketCloseCode.NORMAL, ''));
    this.call.on('cancelled', () => this.finish(WebSocketCloseCode.ABNORMAL, 'the host cancelled the stream'));
    this.call.on('error', (error: unknown) => this.finish(WebSocketCloseCode.ABNORMAL, messageOf(error)));
    this.call.on('drain', () => this.session?.onDrain?.());
  }

  private receive(event: ReceivedSocketEvent): void {
    if (event.type === 'unknown' || this.ended) return;
    if (!this.connected) return this.connect(event);
    if (!this.session) return void this.early.push(event);
    this.dispatchSafely(event);
  }

  private connect(event: SocketWireEvent): void {
    this.connected = true;
    if (event.type !== 'connect') {
      return this.fail('the first message of HandleWebSocket must be CONNECT');
    }
    const path = socketPath(event.path, this.plugin);
    this.path = path;
    const handler = this.handlers[path] ?? this.handlers[ANY_WEBSOCKET_PATH];
    if (!handler) {
      return this.close(WebSocketCloseCode.UNKNOWN_PATH, `plugin "${this.plugin}" has no socket "${path}"`);
    }
    const peer: WebSocketPeer = {
      send: (frame) => this.send(frame),
      close: (code, reason) => this.close(code, reason),
      pause: () => this.call.pause(),
      resume: () => this.call.resume(),
    };
    const info = { path, query: event.query, headers: event.headers, signal: this.abort.signal };
    Promise.resolve()
      .then(() => handler(info, peer))
      .then(
        (session) => this.ready(session),
        (error: unknown) => this.fail(`socket "${path}" handler failed: ${messageOf(error)}`),
      );
  }

  private ready(session: WebSocketSession): void {
    this.session = session;
    if (this.ended) return tellClosed(session, this.ended);
    for (const event of this.early.splice(0)) if (!this.ended) this.dispatchSafely(event);
  }

  /** A session that throws fails its own connection only. */
  private dispatchSafely(event: SocketWireEvent): void {
    try {
      this.dispatch(event);
    } catch (error) {
      this.fail(`socket handler failed: ${messageOf(error)}`);
    }
  }

  private dispatch(event: SocketWireEvent): void {
    switch (event.type) {
      case 'data':
        return this.deliver(event);
      case 'close':
        return this.finish(event.code, event.reason);
      case 'error':
        return this.finish(WebSocketCloseCode.INTERNAL_ERROR, event.message);
      case 'ping':
        return void this.call.write({ type: 'pong', data: event.data });
      default:
        return; // PONG needs no answer; a second CONNECT is ignored.
    }
  }

  /**
   * A client message to the session. With an OpenTelemetry SDK registered, inside the plugin's
   * server span for it (child of the context the host sent with it) and a span for the socket's
   * handler, so that what the handler calls joins the trace.
   */
  private deliver(event: Extract<SocketWireEvent, { type: 'data' }>): void {
    const tracer = activeTracer();
    if (!tracer) return this.session!.onMessage(event.frame);
    const parent = event.trace ? contextFromEntries(event.trace) : ROOT_CONTEXT;
    const attributes = { ...rpcAttributes('HandleWebSocket'), 'qntx.plugin': this.plugin };
    const server = tracer.startSpan(`${DOMAIN_RPC_SERVICE}/HandleWebSocket`, { kind: SpanKind.SERVER, attributes }, parent);
    const serverContext = trace.setSpan(parent, server);
    const handler = tracer.startSpan(`WS /ws/${this.plugin}/${this.path} message`, { kind: SpanKind.INTERNAL }, serverContext);
    try {
      context.with(trace.setSpan(serverContext, handler), () => this.session!.onMessage(event.frame));
    } finally {
      handler.end();
      server.end();
    }
  }

  private send(frame: WebSocketFrame): boolean {
    if (this.ended) return false;
    return this.call.write({ type: 'data', frame });
  }

  private close(code: number, reason: string): void {
    if (this.ended) return;
    this.call.write({ type: 'close', code, reason });
    this.finish(code, reason);
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.call.write({ type: 'error', message });
    this.finish(WebSocketCloseCode.INTERNAL_ERROR, message);
  }

  /** Once: the handler hears the close, the signal aborts, and our side of the stream ends. */
  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = { code, reason };
    this.abort.abort();
    if (this.session) tellClosed(this.session, this.ended);
    this.call.resume(); // what the host still sends is dropped, not left to pile up
    if (!this.call.writableEnded && !this.call.cancelled) this.call.end();
  }
}

/** The connection is over either way: a close handler that throws has nothing left to fail. */
function tellClosed(session: WebSocketSession, { code, reason }: { code: number; reason: string }): void {
  try {
    session.onClose(code, reason);
  } catch {
    // nothing to do: see above
  }
}

/**
 * The paths to announce in Metadata's `websocket_paths`; none (absent) when a catch-all handler
 * decides per connection, so the host forwards every path.
 */
export function declaredSocketPaths(handlers: Record<string, WebSocketHandler>): WireWebSocketPaths | null {
  if (ANY_WEBSOCKET_PATH in handlers) return null;
  return { paths: Object.keys(handlers) };
}

/** "/ws/<plugin>/watch" → "watch"; a host that sends the bare socket path is understood too. */
function socketPath(fullPath: string, plugin: string): string {
  const prefix = `/ws/${plugin}`;
  if (fullPath === prefix) return '';
  if (fullPath.startsWith(`${prefix}/`)) return fullPath.slice(prefix.length + 1);
  return fullPath.replace(/^\/+/, '');
}
