import { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { Test, TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import {
  ANY_WEBSOCKET_PATH,
  CommandResult,
  DomainPlugin,
  PluginHttpResponse,
  PluginRouter,
  commandWord,
} from '@qntx/domains';
import { PluginSdkModule } from '../plugin-sdk.module';
import { PluginExplorer } from '../plugin.explorer';
import { DecoratedDomainPlugin } from '../adapter/decorated-domain-plugin';
import { PluginServer } from '../server/plugin-server';
import { ExternalDomainProxy } from '../client/external-domain-proxy';
import { findCommand } from '../server/domain-service.handlers';
import { TestServiceRegistry } from './test-service-registry';
import { HostServicesServer } from '../host-services/host-services.server';
import { HarnessSocket, HarnessSocketOptions } from './harness-socket';

/** A Nest testing module builder for a plugin's module, with the SDK's discovery added. */
export function createPluginTestingModule(pluginModule: Type<unknown> | DynamicModule): TestingModuleBuilder {
  return Test.createTestingModule({ imports: [PluginSdkModule.wrap(pluginModule)] });
}

export interface HarnessRequest {
  query?: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string | object;
}

export interface HarnessResponse extends PluginHttpResponse {
  text(): string;
  json<T = unknown>(): T;
}

/** One way of reaching the plugin: in-process (built-in) or over real gRPC (external). */
export class PluginHandle {
  private router: PluginRouter | null = null;

  constructor(readonly plugin: DomainPlugin) {}

  get name(): string {
    return this.plugin.metadata().name;
  }

  /** Calls a route by its full path ("/api/<name>/..."), as the host would. */
  async http(method: string, path: string, request: HarnessRequest = {}): Promise<HarnessResponse> {
    const router = await this.routes();
    const match = router.match(method, path);
    const response: PluginHttpResponse = match
      ? await match.handler({
          method: method.toUpperCase(),
          path,
          relativePath: path.slice(`/api/${this.name}`.length) || '/',
          query: request.query ?? '',
          headers: normalizeHeaders(request.headers ?? {}),
          body: toBody(request.body),
          params: match.params,
        })
      : { status: 404, headers: {}, body: Buffer.from(`no route for ${method} ${path}`) };
    // A streamed answer is read to its end, so tests see one body whatever the route does.
    const body = response.bodyStream ? await collect(response.bodyStream) : response.body;
    return {
      ...response,
      body,
      bodyStream: undefined,
      text: () => body.toString('utf8'),
      json: <T>() => JSON.parse(body.toString('utf8')) as T,
    };
  }

  /** Runs a command by its path below the plugin ("ls", "db migrate"), with args and flags as text. */
  async command(path: string, args: string[] = [], flags: Record<string, string> = {}): Promise<CommandResult> {
    const words = [this.name, ...path.split(/\s+/).filter(Boolean)];
    const node = findCommand(await this.plugin.commands(), words);
    if (!node?.run) {
      throw new Error(`Plugin "${this.name}" has no command "${path}" (known: ${await this.commandNames()}).`);
    }
    return node.run({ command: words.join(' '), args, flags });
  }

  /**
   * Opens a WebSocket connection to the plugin's socket at `path` (the part after
   * `/ws/<name>/`), as the host would; resolves once the handler has its session.
   */
  async socket(path: string, options: HarnessSocketOptions = {}): Promise<HarnessSocket> {
    const handlers = await this.plugin.registerWebSocket();
    const handler = handlers[path] ?? handlers[ANY_WEBSOCKET_PATH];
    if (!handler) {
      const known = Object.keys(handlers).join(', ') || 'none';
      throw new Error(`Plugin "${this.name}" has no socket "${path}" (known: ${known}).`);
    }
    return HarnessSocket.open(`Socket /ws/${this.name}/${path}`, handler, path, options);
  }

  private async routes(): Promise<PluginRouter> {
    if (!this.router) {
      const router = new PluginRouter(this.name);
      await this.plugin.registerHttp(router);
      this.router = router;
    }
    return this.router;
  }

  private async commandNames(): Promise<string> {
    const names: string[] = [];
    const walk = (nodes: Awaited<ReturnType<DomainPlugin['commands']>>, prefix: string[]): void => {
      for (const node of nodes) {
        const path = [...prefix, commandWord(node)];
        if (node.run) names.push(path.slice(1).join(' '));
        walk(node.subcommands, path);
      }
    };
    walk(await this.plugin.commands(), []);
    return names.join(', ') || 'none';
  }
}

/**
 * Runs a plugin's module both ways at once: as a real gRPC plugin on an ephemeral loopback port
 * (reached through `ExternalDomainProxy`, as the host reaches it) and in-process (as a built-in
 * plugin), from one Nest testing module, so providers can be overridden the Nest way and one
 * test can assert both paths.
 */
export class PluginTestHarness {
  private constructor(
    readonly moduleRef: TestingModule,
    private readonly microservice: INestMicroservice,
    readonly external: PluginHandle,
    readonly builtin: PluginHandle,
    readonly services: TestServiceRegistry,
    private readonly hostServices: HostServicesServer,
  ) {}

  /**
   * Starts the harness from a plugin module or from a builder made with
   * `createPluginTestingModule(Module).overrideProvider(...)`. Both plugins are initialized
   * with `config` (the plugin's am.<name>.toml as text). Both get the same services: the
   * external one over a real host-services channel, as a host offers it (so its log lines
   * reach `services` asynchronously), writing to `services.store`.
   */
  static async start(
    source: Type<unknown> | DynamicModule | TestingModuleBuilder,
    options: { config?: Record<string, string>; services?: TestServiceRegistry } = {},
  ): Promise<PluginTestHarness> {
    const builder = source instanceof TestingModuleBuilder ? source : createPluginTestingModule(source);
    const moduleRef = await builder.setLogger(false as never).compile();
    const server = new PluginServer({ address: '127.0.0.1:0' });
    const microservice = moduleRef.createNestMicroservice({ strategy: server, logger: false });
    await microservice.init();
    const inProcess = new DecoratedDomainPlugin(moduleRef.get(PluginExplorer).explore());
    server.setPlugin(inProcess);
    await microservice.listen();
    const name = inProcess.metadata().name;
    const services = options.services ?? new TestServiceRegistry();
    for (const [key, value] of Object.entries(options.config ?? {})) services.setConfig(name, key, value);
    const hostServices = new HostServicesServer(services);
    await hostServices.listen();
    services.offerRemotely((domain) => hostServices.endpointFor(domain));
    const proxy = await ExternalDomainProxy.connect(server.address!, { expectedName: name });
    await proxy.initialize(services);
    await inProcess.initialize(services);
    return new PluginTestHarness(
      moduleRef,
      microservice,
      new PluginHandle(proxy),
      new PluginHandle(inProcess),
      services,
      hostServices,
    );
  }

  /** Both handles, for `it.each`-style tests that must hold built-in and external alike. */
  get both(): [string, PluginHandle][] {
    return [
      ['external', this.external],
      ['built-in', this.builtin],
    ];
  }

  get<T>(token: Type<T> | string | symbol): T {
    return this.moduleRef.get(token);
  }

  async close(): Promise<void> {
    await this.external.plugin.shutdown().catch(() => undefined);
    await this.microservice.close();
    await this.hostServices.close();
  }
}

async function collect(source: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function normalizeHeaders(headers: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value : [value]]),
  );
}

function toBody(body: HarnessRequest['body']): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}
