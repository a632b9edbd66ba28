import {
  CommandDefinition,
  CommandInvocation,
  CommandResult,
  DomainPlugin,
  HealthStatus,
  HttpOperations,
  HttpRouter,
  Metadata,
  ServiceRegistry,
  WebSocketHandler,
} from '@qntx/domains';
import { PluginClient, PluginClientOptions } from './plugin-client';
import { toPluginCallError } from './grpc-call-error.mapping';
import { commandFromWire, metadataFromWire } from '../protocol/protocol.mapping';
import { PluginNameMismatchError } from '../errors/plugin-name-mismatch.error';
import { runRemoteCommand } from './remote-command.runner';
import { externalSocketHandlers } from './external-socket.handlers';
import { HttpForwarder } from './http-forwarder';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../plugin-grpc.constants';
import { PROTOCOL_EXTENSIONS, ProtocolExtension } from '../protocol/protocol-extensions';
import { WireExecuteCommandRequest } from '../protocol/protocol.types';
import { attachRemoteRun } from './remote-command.tree';
import { parseHttpOperations } from '../openapi/http-operations.parser';

export interface ExternalDomainProxyOptions extends PluginClientOptions {
  /** Deadline of HTTP and command calls (the per-plugin request timeout). */
  requestTimeoutMs?: number;
  /** Deadline of Metadata, Health, Initialize and Shutdown. */
  controlTimeoutMs?: number;
  /**
   * Largest request body buffered for a plugin without HandleHTTPStream (413 past it). The gRPC
   * message limit is raised to fit it unless `maxMessageBytes` says otherwise.
   */
  maxBodyBytes?: number;
}

/** Room for the method, path and headers around a body in one HTTPRequest message. */
const MESSAGE_HEADROOM_BYTES = 1024 * 1024;

function clientOptions(options: ExternalDomainProxyOptions): PluginClientOptions {
  if (options.maxMessageBytes || !options.maxBodyBytes) return options;
  return { ...options, maxMessageBytes: Math.max(DEFAULT_MAX_MESSAGE_BYTES, options.maxBodyBytes + MESSAGE_HEADROOM_BYTES) };
}

/**
 * `DomainPlugin` over gRPC: the adapter of the guide. The registry and the host's controllers
 * use it exactly as they use a built-in plugin.
 */
export class ExternalDomainProxy implements DomainPlugin {
  private meta: Metadata;
  /** The extensions the plugin declared in Metadata; none from a reference plugin. */
  private extensions: ReadonlySet<string>;
  private readonly requestTimeoutMs: number;
  private readonly controlTimeoutMs: number;
  private readonly http: HttpForwarder;

  private constructor(
    readonly client: PluginClient,
    metadata: Metadata,
    extensions: string[],
    options: ExternalDomainProxyOptions,
  ) {
    this.meta = metadata;
    this.extensions = new Set(extensions);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.controlTimeoutMs = options.controlTimeoutMs ?? 5_000;
    this.http = new HttpForwarder(client, metadata.name, {
      requestTimeoutMs: this.requestTimeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_MESSAGE_BYTES - MESSAGE_HEADROOM_BYTES,
      declares: (extension) => this.declares(extension),
    });
  }

  /**
   * Connects to a running plugin and reads its metadata. With `expectedName`, a plugin that
   * reports another name is refused (it is not the plugin the configuration meant).
   */
  static async connect(
    address: string,
    options: ExternalDomainProxyOptions & { expectedName?: string } = {},
  ): Promise<ExternalDomainProxy> {
    const client = new PluginClient(address, clientOptions(options));
    const controlTimeoutMs = options.controlTimeoutMs ?? 5_000;
    try {
      const wire = await client.metadataCall(controlTimeoutMs);
      const metadata = metadataFromWire(wire);
      if (options.expectedName && metadata.name !== options.expectedName) {
        throw new PluginNameMismatchError(options.expectedName, metadata.name, address);
      }
      return new ExternalDomainProxy(client, metadata, wire.extensions ?? [], options);
    } catch (error) {
      client.close();
      if (error instanceof PluginNameMismatchError) throw error;
      throw toPluginCallError(options.expectedName ?? address, address, controlTimeoutMs, error);
    }
  }

  /**
   * A proxy for a plugin that is not reachable yet: it answers with the configured name, and its
   * calls fail as "unavailable" until the plugin comes up, when `refreshMetadata` fills it in.
   */
  static detached(name: string, address: string, options: ExternalDomainProxyOptions = {}): ExternalDomainProxy {
    const placeholder: Metadata = { name, version: '', qntxVersion: '', description: '', author: '', license: '' };
    return new ExternalDomainProxy(new PluginClient(address, clientOptions(options)), placeholder, [], options);
  }

  get address(): string {
    return this.client.address;
  }

  metadata(): Metadata {
    return this.meta;
  }

  /** Whether the plugin declared this extension in its Metadata (a reference plugin declares none). */
  declares(extension: ProtocolExtension): boolean {
    return this.extensions.has(extension);
  }

  async refreshMetadata(): Promise<Metadata> {
    const wire = await this.call(() => this.client.metadataCall(this.controlTimeoutMs), this.controlTimeoutMs);
    const metadata = metadataFromWire(wire);
    if (metadata.name !== this.meta.name) throw new PluginNameMismatchError(this.meta.name, metadata.name, this.address);
    this.meta = metadata;
    this.extensions = new Set(wire.extensions ?? []);
    this.http.reset();
    return metadata;
  }

  async initialize(services: ServiceRegistry): Promise<void> {
    const config = services.config(this.meta.name).toRecord();
    // The plugin's own callback endpoint and token (extension fields; ignored by older plugins).
    const endpoint = services.endpoint?.(this.meta.name) ?? null;
    const request = {
      database_endpoint: '',
      ats_store_endpoint: endpoint?.address ?? '',
      config,
      host_services_endpoint: endpoint?.address ?? '',
      host_services_token: endpoint?.token ?? '',
    };
    await this.call(() => this.client.initialize(request, this.controlTimeoutMs), this.controlTimeoutMs);
  }

  async shutdown(): Promise<void> {
    try {
      await this.call(() => this.client.shutdown(this.controlTimeoutMs), this.controlTimeoutMs);
    } finally {
      this.client.close();
    }
  }

  async commands(): Promise<CommandDefinition[]> {
    const wire = await this.call(() => this.client.commands(this.controlTimeoutMs), this.controlTimeoutMs);
    return wire.commands.map((command) =>
      attachRemoteRun(commandFromWire(command), (request, invocation) => this.executeCommand(request, invocation)),
    );
  }

  async registerHttp(router: HttpRouter): Promise<void> {
    router.handle('*', `/api/${this.meta.name}/{*path}`, (request) => this.http.forward(request), { streamBody: true });
  }

  /** Asks the plugin for its socket paths on every call, so a restarted plugin's new paths count. */
  async registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    const wire = await this.call(() => this.client.metadataCall(this.controlTimeoutMs), this.controlTimeoutMs);
    return externalSocketHandlers(this.client, this.meta.name, wire.websocket_paths?.paths ?? null);
  }

  /** The routes the plugin describes (Metadata's `http_operations`), asked each time so a restarted plugin's count. */
  async describeHttp(): Promise<HttpOperations | null> {
    const wire = await this.call(() => this.client.metadataCall(this.controlTimeoutMs), this.controlTimeoutMs);
    return parseHttpOperations(this.meta.name, wire.http_operations ?? '');
  }

  async health(): Promise<HealthStatus> {
    try {
      const wire = await this.call(() => this.client.health(this.controlTimeoutMs), this.controlTimeoutMs);
      return { healthy: wire.healthy, message: wire.message, details: wire.details };
    } catch (error) {
      return { healthy: false, message: error instanceof Error ? error.message : String(error), details: {} };
    }
  }

  private async executeCommand(request: WireExecuteCommandRequest, invocation: CommandInvocation): Promise<CommandResult> {
    return this.call(
      () => runRemoteCommand(this.client, request, invocation, this.requestTimeoutMs, this.declares(PROTOCOL_EXTENSIONS.commandStream)),
      this.requestTimeoutMs,
    );
  }

  private async call<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toPluginCallError(this.meta.name, this.address, timeoutMs, error);
    }
  }
}
