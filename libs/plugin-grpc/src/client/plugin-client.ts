import * as grpc from '@grpc/grpc-js';
import { loadDomainService } from '../protocol/protocol.loader';
import { DEFAULT_MAX_MESSAGE_BYTES, TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import {
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
}

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientUnaryCall;

type DuplexMethod = (metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientDuplexStream<unknown, unknown>;

/**
 * A typed gRPC client for one plugin: one channel, reused for every call, with a deadline on
 * each call and the plugin token attached.
 */
export class PluginClient {
  private readonly client: grpc.Client;
  private readonly metadata = new grpc.Metadata();
  readonly timeoutMs: number;

  constructor(
    readonly address: string,
    options: PluginClientOptions = {},
  ) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    const { client: ClientCtor } = loadDomainService();
    this.client = new ClientCtor(address, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': max,
      'grpc.max_send_message_length': max,
      'grpc.keepalive_time_ms': 30_000,
      // Reconnect quickly after a plugin restart rather than waiting out a long backoff.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    });
    if (options.token) this.metadata.set(TOKEN_METADATA_KEY, options.token);
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
    return this.unary('ExecuteCommand', request, options);
  }
  handleHttp(request: WireHttpRequest, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<WireHttpResponse> {
    return this.unary('HandleHTTP', request, options);
  }
  /**
   * Opens HandleHTTPStream. It has no gRPC deadline, since a download may rightly outlast any;
   * the caller bounds the wait for the response head and cancels the call.
   */
  handleHttpStream(): grpc.ClientDuplexStream<WireHttpStreamFrame, WireHttpStreamFrame> {
    const open = (this.client as unknown as Record<string, DuplexMethod>).HandleHTTPStream;
    return open.call(this.client, this.metadata, {}) as grpc.ClientDuplexStream<WireHttpStreamFrame, WireHttpStreamFrame>;
  }
  health(timeoutMs?: number): Promise<WireHealthResponse> {
    return this.unary('Health', {}, { timeoutMs });
  }

  close(): void {
    this.client.close();
  }

  private unary<Res>(
    method: string,
    request: unknown,
    options: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<Res> {
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method];
    const deadline = Date.now() + (options.timeoutMs ?? this.timeoutMs);
    return new Promise<Res>((resolve, reject) => {
      const call = fn.call(this.client, request, this.metadata, { deadline }, (error, response) =>
        error ? reject(error) : resolve(response as Res),
      );
      if (options.signal) {
        if (options.signal.aborted) call.cancel();
        else options.signal.addEventListener('abort', () => call.cancel(), { once: true });
      }
    });
  }
}
