import * as grpc from '@grpc/grpc-js';
import {
  WebSocketCloseCode,
  WebSocketConnectInfo,
  WebSocketFrame,
  WebSocketPeer,
  WebSocketSession,
} from '@qntx/domains';
import { SocketCallStatus, SocketClientCall } from './socket-client-call.interface';
import { ReceivedSocketEvent } from './websocket-message.codec';
import { WS_CLOSE_GRACE_MS } from './websocket.constants';
import { Context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { DOMAIN_RPC_SERVICE, activeTracer, contextFromEntries, rpcAttributes, traceContextEntries } from '../tracing';

/**
 * The host's end of one `HandleWebSocket` stream: a session whose handler is the plugin behind
 * the stream. Backpressure both ways: a full client pauses reading the stream, a full stream
 * pauses the client. A stream that fails (the plugin process died) closes the client with 1011.
 */
export class SocketStreamClient implements WebSocketSession {
  private ended = false;
  /** The stream is over (its status arrived). */
  private finished = false;
  private graceTimer: NodeJS.Timeout | null = null;
  /** The upgrade request's trace context: each message's span is its child (or a new root). */
  private traceParent: Context = ROOT_CONTEXT;
  private socketPath = '';

  constructor(
    private readonly call: SocketClientCall,
    private readonly plugin: string,
    private readonly client: WebSocketPeer,
  ) {}

  /** Sends CONNECT and starts relaying the plugin's messages to the client. */
  start(info: WebSocketConnectInfo): this {
    this.call.on('data', (event) => this.receive(event));
    this.call.on('drain', () => this.client.resume());
    this.call.on('status', (status) => this.onStatus(status));
    this.call.on('error', () => undefined); // reported through 'status'
    const fullPath = info.path ? `/ws/${this.plugin}/${info.path}` : `/ws/${this.plugin}`;
    this.socketPath = fullPath;
    if (activeTracer()) this.traceParent = contextFromEntries(info.headers);
    this.call.write({ type: 'connect', path: fullPath, query: info.query, headers: info.headers });
    return this;
  }

  onMessage(frame: WebSocketFrame): void {
    if (this.ended) return;
    if (!this.call.write({ type: 'data', frame, trace: this.traceMessage() })) this.client.pause();
  }

  /**
   * With an OpenTelemetry SDK registered, a client message is sent in a span of its own (its
   * parent: the upgrade request's trace, else none), whose context travels in the DATA message.
   */
  private traceMessage(): Record<string, string> | undefined {
    const tracer = activeTracer();
    if (!tracer) return undefined;
    const attributes = { ...rpcAttributes('HandleWebSocket'), 'qntx.plugin': this.plugin, 'url.path': this.socketPath };
    const span = tracer.startSpan(`${DOMAIN_RPC_SERVICE}/HandleWebSocket`, { kind: SpanKind.CLIENT, attributes }, this.traceParent);
    span.end();
    return traceContextEntries(trace.setSpan(this.traceParent, span));
  }

  /** The client closed or went away: tell the plugin, then give it a moment to end the stream. */
  onClose(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.call.write({ type: 'close', code, reason });
    this.endStream();
  }

  onDrain(): void {
    this.call.resume();
  }

  private receive(event: ReceivedSocketEvent): void {
    if (this.ended) return;
    switch (event.type) {
      case 'data':
        if (!this.client.send(event.frame)) this.call.pause();
        return;
      case 'close':
        return this.closeClient(event.code, event.reason);
      case 'error':
        return this.closeClient(WebSocketCloseCode.INTERNAL_ERROR, event.message);
      case 'ping':
        return void this.call.write({ type: 'pong', data: event.data });
      default:
        return; // PONG needs no answer; CONNECT is not the plugin's to send; unknown types are ignored.
    }
  }

  private onStatus(status: SocketCallStatus): void {
    this.finished = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    if (this.ended) return;
    if (status.code === grpc.status.OK) return this.closeClient(WebSocketCloseCode.NORMAL, '');
    this.closeClient(WebSocketCloseCode.INTERNAL_ERROR, `plugin "${this.plugin}" stream failed: ${status.details}`);
  }

  /** The plugin ended the conversation: close the client and end our side of the stream. */
  private closeClient(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.client.close(code, reason);
    this.endStream();
  }

  /** Half-closes; a plugin that does not end its side in time has the stream cancelled. */
  private endStream(): void {
    if (this.finished) return;
    if (!this.call.writableEnded) this.call.end();
    this.call.resume(); // read what is left (dropped), so that the stream's status can arrive
    this.graceTimer = setTimeout(() => this.call.cancel(), WS_CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }
}
