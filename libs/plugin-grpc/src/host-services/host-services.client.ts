import * as grpc from '@grpc/grpc-js';
import { HOST_TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import { loadHostServices } from './host-services.loader';
import {
  WireAttestationPage,
  WireAttestationQuery,
  WireCountAttestationsResponse,
  WireGetConfigResponse,
  WireLogRequest,
  WirePutAttestationsRequest,
  WirePutAttestationsResponse,
} from './host-services.types';
import { HostServicesCallError } from './host-services-call.error';
import { SpanKind, context } from '@opentelemetry/api';
import { HOST_SERVICES_RPC_SERVICE, activeTracer, inSpan, rpcAttributes, traceContextEntries } from '../tracing';

/** Store calls may wait on a busy database; log and config calls should answer at once. */
const STORE_TIMEOUT_MS = 30_000;
const CONTROL_TIMEOUT_MS = 5_000;
/** Batches of attestations can be large; the host accepts up to this much per call. */
export const HOST_SERVICES_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientUnaryCall;

/**
 * A plugin's channel back to its host (proto/host_services.proto): one connection, every call
 * with a deadline and the plugin's host-services token. Failures are `HostServicesCallError`s
 * that name the RPC and the host's address.
 */
export class HostServicesClient {
  private readonly client: grpc.Client;
  private readonly metadata = new grpc.Metadata();

  constructor(
    readonly address: string,
    token: string,
  ) {
    const { client: ClientCtor } = loadHostServices();
    this.client = new ClientCtor(address, grpc.credentials.createInsecure(), {
      'grpc.max_send_message_length': HOST_SERVICES_MAX_MESSAGE_BYTES,
      'grpc.max_receive_message_length': HOST_SERVICES_MAX_MESSAGE_BYTES,
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    });
    this.metadata.set(HOST_TOKEN_METADATA_KEY, token);
  }

  log(request: WireLogRequest): Promise<void> {
    return this.unary<object>('Log', request, CONTROL_TIMEOUT_MS).then(() => undefined);
  }

  getConfig(timeoutMs = CONTROL_TIMEOUT_MS): Promise<WireGetConfigResponse> {
    return this.unary('GetConfig', {}, timeoutMs);
  }

  putAttestations(request: WirePutAttestationsRequest): Promise<WirePutAttestationsResponse> {
    return this.unary('PutAttestations', request, STORE_TIMEOUT_MS);
  }

  queryAttestations(request: WireAttestationQuery): Promise<WireAttestationPage> {
    return this.unary('QueryAttestations', request, STORE_TIMEOUT_MS);
  }

  countAttestations(request: WireAttestationQuery, timeoutMs = STORE_TIMEOUT_MS): Promise<WireCountAttestationsResponse> {
    return this.unary('CountAttestations', request, timeoutMs);
  }

  close(): void {
    this.client.close();
  }

  /**
   * With an OpenTelemetry SDK registered, each call is a client span under the active one (the
   * route or command being served), and its trace context travels as W3C metadata.
   */
  private unary<Res>(method: string, request: unknown, timeoutMs: number): Promise<Res> {
    const tracer = activeTracer();
    if (!tracer) return this.send(method, request, timeoutMs, this.metadata);
    const name = `${HOST_SERVICES_RPC_SERVICE}/${method}`;
    return inSpan(tracer, name, SpanKind.CLIENT, rpcAttributes(method, HOST_SERVICES_RPC_SERVICE), context.active(), () => {
      const metadata = this.metadata.clone();
      for (const [key, value] of Object.entries(traceContextEntries())) metadata.set(key, value);
      return this.send<Res>(method, request, timeoutMs, metadata);
    });
  }

  private send<Res>(method: string, request: unknown, timeoutMs: number, metadata: grpc.Metadata): Promise<Res> {
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method];
    return new Promise<Res>((resolve, reject) => {
      fn.call(this.client, request, metadata, { deadline: Date.now() + timeoutMs }, (error, response) =>
        error ? reject(new HostServicesCallError(method, this.address, error)) : resolve(response as Res),
      );
    });
  }
}
