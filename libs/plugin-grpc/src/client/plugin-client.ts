import * as grpc from '@grpc/grpc-js';
import { loadDomainService } from '../protocol/protocol.loader';
import { clientCredentials, clientTlsChannelOptions } from '../tls/tls-credentials';
import { PluginTlsOptions } from '../interfaces/plugin-tls-options.interface';
import { DEFAULT_MAX_MESSAGE_BYTES, TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import { HttpFrameCall } from './http-frame-call.interface';
import { FastHttpCalls } from './h2/fast-http.calls';
import { HttpMultiplexClient } from './h2/http-multiplex.client';
import { REQUEST_ID_METADATA_KEY } from '../logging/request-context';
import { SocketClientCall } from '../websocket/socket-client-call.interface';
import { SocketStreamChannel } from '../websocket/socket-stream.channel';
import { HANDLE_WEBSOCKET_PATH } from '../websocket/socket-service.definition';
import { decodeSocketMessage, encodeSocketMessage } from '../websocket/websocket-message.codec';
import { inRpcClientSpan } from '../tracing/grpc-server-spans';
import {
  WireCommandOutputChunk,
  WireCommandsResponse,
  WireEmpty,
  WireExecuteCommandRequest,
  WireExecuteCommandResponse,
  WireHealthResponse,
  WireHttpRequest,
  WireHttpResponse,
  WireHttpStreamFrame,
  WireInitializeRequest,
  WireMetadataResponse,
} from '../protocol/protocol.types';

export interface PluginClientOptions {
  /** The per-launch token the plugin expects, when the host launched it. */
  token?: string;
  /** Default deadline of a call. */
  timeoutMs?: number;
  maxMessageBytes?: number;
  /** Reach the plugin over TLS (or mutual TLS); plaintext when absent. */
  tls?: PluginTlsOptions;
}

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientUnaryCall;

/** Bodies up to this size go over the lean client on the unary path; larger ones over grpc-js. */
const FAST_UNARY_BODY_BYTES = 1024 * 1024;

type ServerStreamMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
) => grpc.ClientReadableStream<WireCommandOutputChunk>;
type DuplexMethod = (metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientDuplexStream<unknown, unknown>;

/**
 * A typed gRPC client for one plugin: one channel, reused for every call, with a deadline on
 * each call and the plugin token attached.
 */
export class PluginClient {
  private readonly client: grpc.Client;
  private readonly metadata = new grpc.Metadata();
  readonly timeoutMs: number;
  private readonly fast: FastHttpCalls | null = null;
  private readonly sockets: SocketStreamChannel | null = null;

  constructor(
    readonly address: string,
    options: PluginClientOptions = {},
  ) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    const { client: ClientCtor } = loadDomainService();
    this.client = new ClientCtor(address, clientCredentials(options.tls), {
      ...clientTlsChannelOptions(options.tls),
      'grpc.max_receive_message_length': max,
      'grpc.max_send_message_length': max,
      'grpc.keepalive_time_ms': 30_000,
      // Reconnect quickly after a plugin restart rather than waiting out a long backoff.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    });
    if (options.token) this.metadata.set(TOKEN_METADATA_KEY, options.token);
    // The per-request HTTP calls take the lean HTTP/2 client; TLS channels stay on grpc-js.
    if (!options.tls) this.fast = new FastHttpCalls(address, options.token, max);
    if (!options.tls) this.sockets = new SocketStreamChannel(address, options.token, max);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  metadataCall(timeoutMs?: number): Promise<WireMetadataResponse> {
    return this.unary('Metadata', {}, { timeoutMs });
  }
  initialize(request: WireInitializeRequest, timeoutMs?: number): Promise<WireEmpty> {
    return this.unary('Initialize', request, { timeoutMs });
  }
  shutdown(timeoutMs?: number): Promise<WireEmpty> {
    return this.unary('Shutdown', {}, { timeoutMs });
  }
  commands(timeoutMs?: number): Promise<WireCommandsResponse> {
    return this.unary('Commands', {}, { timeoutMs });
  }
  executeCommand(
    request: WireExecuteCommandRequest,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<WireExecuteCommandResponse> {
    return inRpcClientSpan('ExecuteCommand', this.metadata, (metadata) => this.unary('ExecuteCommand', request, { ...options, metadata }));
  }
  /**
   * Extension: ExecuteCommandStream. `onChunk` sees each chunk as it arrives; the promise
   * resolves after the last one, or rejects with the call's status (a plugin without the RPC
   * answers UNIMPLEMENTED).
   */
  executeCommandStream(
    request: WireExecuteCommandRequest,
    onChunk: (chunk: WireCommandOutputChunk) => void,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const fn = (this.client as unknown as Record<string, ServerStreamMethod>).ExecuteCommandStream;
    const deadline = Date.now() + (options.timeoutMs ?? this.timeoutMs);
    const stream = (metadata: grpc.Metadata) =>
      new Promise<void>((resolve, reject) => {
        const call = fn.call(this.client, request, metadata, { deadline });
        call.on('data', onChunk);
        // grpc-js emits 'error' for a failed status before 'end', so a failure always rejects.
        call.on('error', reject);
        call.on('end', () => resolve());
        cancelOnAbort(call, options.signal);
      });
    return inRpcClientSpan('ExecuteCommandStream', this.metadata, stream);
  }
  /** `requestId` travels as `x-request-id` metadata (here and on the stream), so the plugin's log lines carry it. */
  handleHttp(
    request: WireHttpRequest,
    options: { timeoutMs?: number; signal?: AbortSignal; requestId?: string } = {},
  ): Promise<WireHttpResponse> {
    if (this.fast && request.body.length <= FAST_UNARY_BODY_BYTES) return this.fast.handleHttp(request, { deadlineMs: options.timeoutMs ?? this.timeoutMs, signal: options.signal, requestId: options.requestId });
    return this.unary('HandleHTTP', request, options);
  }
  /**
   * Opens HandleHTTPStream. It has no gRPC deadline, since a download may rightly outlast any;
   * the caller bounds the wait for the response head and cancels the call.
   */
  handleHttpStream(options: { wholeInHead?: boolean; requestId?: string } = {}): HttpFrameCall {
    // The lean client carries the common exchange, a request whose body fits in its head; bodies
    // that stream keep grpc-js's flow control and its handling of a plugin that stops reading.
    if (this.fast && options.wholeInHead) return this.fast.handleHttpStream(options.requestId);
    const open = (this.client as unknown as Record<string, DuplexMethod>).HandleHTTPStream;
    const metadata = options.requestId ? this.withRequestId(options.requestId) : this.metadata;
    return open.call(this.client, metadata, {}) as grpc.ClientDuplexStream<WireHttpStreamFrame, WireHttpStreamFrame>;
  }
  /**
   * Extension: HandleHTTPMultiplex, for a request whose body is whole (see `usable`); null on a
   * TLS channel, which stays on grpc-js.
   */
  get multiplex(): HttpMultiplexClient | null {
    return this.fast?.multiplex ?? null;
  }
  health(timeoutMs?: number): Promise<WireHealthResponse> {
    return this.unary('Health', {}, { timeoutMs });
  }
  /**
   * One bidirectional stream per WebSocket connection; no deadline (it lives as long as the
   * socket). Plaintext takes the lean HTTP/2 client, TLS grpc-js; both speak in decoded events.
   */
  handleWebSocket(): SocketClientCall {
    if (this.sockets) return this.sockets.open();
    return this.client.makeBidiStreamRequest(HANDLE_WEBSOCKET_PATH, encodeSocketMessage, decodeSocketMessage, this.metadata);
  }

  close(): void {
    this.fast?.close();
    this.sockets?.close();
    this.client.close();
  }

  private withRequestId(requestId: string): grpc.Metadata {
    const metadata = this.metadata.clone();
    metadata.set(REQUEST_ID_METADATA_KEY, requestId);
    return metadata;
  }

  private unary<Res>(
    method: string,
    request: unknown,
    options: { timeoutMs?: number; signal?: AbortSignal; requestId?: string; metadata?: grpc.Metadata },
  ): Promise<Res> {
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method];
    const deadline = Date.now() + (options.timeoutMs ?? this.timeoutMs);
    const metadata = options.requestId ? this.withRequestId(options.requestId) : (options.metadata ?? this.metadata);
    return new Promise<Res>((resolve, reject) => {
      const call = fn.call(this.client, request, metadata, { deadline }, (error, response) =>
        error ? reject(error) : resolve(response as Res),
      );
      cancelOnAbort(call, options.signal);
    });
  }
}

function cancelOnAbort(call: { cancel(): void }, signal: AbortSignal | undefined): void {
  if (!signal) return;
  if (signal.aborted) call.cancel();
  else signal.addEventListener('abort', () => call.cancel(), { once: true });
}
