import {
  CommandDefinition,
  CommandInvocation,
  CommandResult,
  DomainPlugin,
  HealthStatus,
  HttpOperations,
  HttpRouter,
  Metadata,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRouter,
  ServiceRegistry,
  WebSocketHandler,
  commandWord,
} from '@qntx/domains';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { PluginSupervisor } from './plugin-supervisor';

/**
 * `DomainPlugin` for a plugin the host launches: each call goes to the adapter of the process
 * that serves now, so a restart (new process, address and token) is invisible to the registry
 * and the controllers. While the supervisor knows the plugin is down, calls fail at once with
 * `PluginUnavailableError` (503 + Retry-After) instead of trying gRPC.
 */
export class SupervisedPlugin implements DomainPlugin {
  private readonly routers = new WeakMap<ExternalDomainProxy, PluginRouter>();

  constructor(readonly supervisor: PluginSupervisor) {}

  metadata(): Metadata {
    return (
      this.supervisor.lastMetadata() ?? {
        name: this.supervisor.name,
        version: '',
        qntxVersion: '',
        description: '',
        author: '',
        license: '',
      }
    );
  }

  /** Also called during a restart, before the plugin counts as running: hence `connected()`. */
  async initialize(services: ServiceRegistry): Promise<void> {
    const proxy = this.supervisor.connected();
    if (!proxy) throw this.supervisor.unavailable();
    await proxy.initialize(services);
  }

  shutdown(): Promise<void> {
    return this.supervisor.stop();
  }

  /** Command definitions whose `run` goes to whichever process serves when it is called. */
  async commands(): Promise<CommandDefinition[]> {
    const definitions = await this.serving().commands();
    return definitions.map((definition) => this.rebind(definition, []));
  }

  async registerHttp(router: HttpRouter): Promise<void> {
    // Streamed like an address plugin's (ExternalDomainProxy): an upload is never buffered here.
    router.handle('*', `/api/${this.supervisor.name}/{*path}`, (request) => this.forwardHttp(request), { streamBody: true });
  }

  /** Asked at each upgrade: a plugin that is down refuses with 503 + Retry-After, not 404. */
  async registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    const proxy = this.supervisor.serving();
    if (!proxy) throw this.supervisor.unavailable();
    return proxy.registerWebSocket();
  }

  async health(): Promise<HealthStatus> {
    const proxy = this.supervisor.serving();
    if (!proxy) return { healthy: false, message: this.supervisor.unavailable().message, details: {} };
    return proxy.health();
  }

  /** The serving process's route description; none while the plugin is down. */
  async describeHttp(): Promise<HttpOperations | null> {
    return (await this.supervisor.serving()?.describeHttp()) ?? null;
  }

  private serving(): ExternalDomainProxy {
    const proxy = this.supervisor.serving();
    if (!proxy) throw this.supervisor.unavailable();
    return proxy;
  }

  private async forwardHttp(request: PluginHttpRequest): Promise<PluginHttpResponse> {
    const proxy = this.serving();
    let router = this.routers.get(proxy);
    if (!router) {
      router = new PluginRouter(this.supervisor.name);
      await proxy.registerHttp(router);
      this.routers.set(proxy, router);
    }
    const match = router.match(request.method, request.path);
    if (!match) throw new Error(`no route for ${request.method} ${request.path}`);
    // The signal is a getter on the host's request (made when first asked for): carried by name.
    return match.handler({ ...request, params: match.params, signal: request.signal });
  }

  private rebind(definition: CommandDefinition, parentPath: string[]): CommandDefinition {
    const path = [...parentPath, commandWord(definition)];
    return {
      ...definition,
      subcommands: definition.subcommands.map((sub) => this.rebind(sub, path)),
      run: definition.run && ((invocation: CommandInvocation) => this.runCommand(path, invocation)),
    };
  }

  private async runCommand(path: string[], invocation: CommandInvocation): Promise<CommandResult> {
    let level = await this.serving().commands();
    let node: CommandDefinition | undefined;
    for (const word of path) {
      node = level.find((candidate) => commandWord(candidate) === word);
      if (!node) throw new Error(`the plugin no longer has the command "${path.join(' ')}"`);
      level = node.subcommands;
    }
    return node!.run!(invocation);
  }
}
