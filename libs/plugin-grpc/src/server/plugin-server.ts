import * as grpc from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { DomainPlugin } from '@qntx/domains';
import { loadDomainService } from '../protocol/protocol.loader';
import { withSocketMessageCodec } from '../websocket/socket-service.definition';
import { DomainServiceHandlers } from './domain-service.handlers';
import { StandardHealthService } from './standard-health.service';
import { addServerReflection } from './server-reflection';
import { HealthListener, startHealthListener } from './health-listener';
import { serverCredentials } from '../tls/tls-credentials';
import { PluginServerTlsOptions } from '../interfaces/plugin-tls-options.interface';
import { widenReceiveWindows } from './flow-control.window';
import { DEFAULT_MAX_MESSAGE_BYTES, ENV_PLUGIN_MAX_MESSAGE_BYTES } from '../plugin-grpc.constants';

export interface PluginServerOptions {
  /** "host:port"; port 0 picks a free one (see `address` after listen). */
  address: string;
  /** When set, every call must carry it (the host's per-launch token). */
  token?: string;
  /**
   * gRPC message limit, also the largest request body buffered for a route that does not stream
   * it. Default: $QNTX_PLUGIN_MAX_MESSAGE_BYTES, else 64 MiB. Raise it with the host's
   * `max_body_bytes` for this plugin, so both sides accept the same bodies over HandleHTTP.
   */
  maxMessageBytes?: number;
  /** How long a graceful stop may wait for calls in flight before they are cut. */
  shutdownGraceMs?: number;
  /** Serve TLS (mutual TLS when it names a client CA); plaintext when absent. */
  tls?: PluginServerTlsOptions;
  /** "host:port" of a plaintext listener carrying only grpc.health.v1.Health, for probes. */
  healthAddress?: string;
}

/**
 * Serves `protocol.DomainPluginService` for one `DomainPlugin` as a Nest microservice
 * transport. It talks to @grpc/grpc-js directly rather than through Nest's generic gRPC
 * transport, so no RxJS pipeline or pattern lookup sits in the per-request path.
 */
export class PluginServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('PluginServer');
  private grpcServer: grpc.Server | null = null;
  private plugin: DomainPlugin | null = null;
  private boundAddress: string | null = null;
  private standardHealth: StandardHealthService | null = null;
  private healthListener: HealthListener | null = null;
  private handlers: DomainServiceHandlers | null = null;

  constructor(private readonly options: PluginServerOptions) {
    super();
  }

  /** The plugin to serve; `PluginFactory` sets it from the app's `@Plugin` provider. */
  setPlugin(plugin: DomainPlugin): void {
    this.plugin = plugin;
  }

  /** The address of the health-only listener, when one was asked for. */
  get healthAddress(): string | null {
    return this.healthListener?.address ?? null;
  }

  /** The address actually bound, with the real port when 0 was asked for. */
  get address(): string | null {
    return this.boundAddress;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      if (!this.plugin) throw new Error('PluginServer.listen() called before setPlugin()');
      const max = this.options.maxMessageBytes ?? messageLimitFromEnv() ?? DEFAULT_MAX_MESSAGE_BYTES;
      const handlers = new DomainServiceHandlers(this.plugin, this.options.token, max);
      await handlers.prepare();
      this.handlers = handlers;
      const server = new grpc.Server({
        'grpc.max_receive_message_length': max,
        'grpc.max_send_message_length': max,
        'grpc.keepalive_permit_without_calls': 1,
      });
      server.addService(withSocketMessageCodec(loadDomainService().service), handlers.implementation());
      // Standard services for probes and tools; neither asks for the token (see their files).
      this.standardHealth = new StandardHealthService(this.plugin);
      this.standardHealth.addToServer(server);
      addServerReflection(server);
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(this.options.address, serverCredentials(this.options.tls), (error, bound) =>
          error ? reject(error) : resolve(bound),
        ),
      );
      widenReceiveWindows(server);
      this.grpcServer = server;
      this.boundAddress = this.options.address.replace(/:\d+$/, `:${port}`);
      this.log.log(
        `Plugin "${this.plugin.metadata().name}" serving gRPC${this.options.tls ? ' over TLS' : ''} on ${this.boundAddress}`,
      );
      if (this.options.healthAddress) {
        this.healthListener = await startHealthListener(this.options.healthAddress, this.standardHealth);
        this.log.log(`Health probes answered on ${this.healthListener.address}`);
      }
      callback();
    } catch (error) {
      this.standardHealth?.stop();
      callback(error);
    }
  }

  async close(): Promise<void> {
    const server = this.grpcServer;
    if (!server) return;
    this.grpcServer = null;
    this.standardHealth?.stop();
    await this.healthListener?.close();
    this.healthListener = null;
    const grace = this.options.shutdownGraceMs ?? 5000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, grace);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Last: calls that were still finishing may have logged through the host's channel.
    this.handlers?.dispose();
    this.handlers = null;
  }

  on(): never {
    throw new Error('PluginServer does not emit transport events.');
  }

  unwrap<T>(): T {
    if (!this.grpcServer) throw new Error('PluginServer is not listening.');
    return this.grpcServer as T;
  }
}

function messageLimitFromEnv(): number | undefined {
  const raw = process.env[ENV_PLUGIN_MAX_MESSAGE_BYTES];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${ENV_PLUGIN_MAX_MESSAGE_BYTES} must be a positive whole number of bytes, got "${raw}".`);
  }
  return value;
}
