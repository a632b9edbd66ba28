import {
  CommandDefinition,
  DomainPlugin,
  HealthStatus,
  HttpOperations,
  HttpRouter,
  Metadata,
  PluginHttpRequest,
  PluginHttpResponse,
  ServiceRegistry,
  WebSocketHandler,
} from '@qntx/domains';
import { PluginDefinition } from '../interfaces/plugin-definition.interface';
import { PluginInitContext } from '../interfaces/plugin-context.interface';
import { buildCommandTree } from './command-tree.builder';
import { errorToHttpResponse, toHttpResponse } from './route-result';
import { toPluginRequest } from './plugin-request.factory';
import { decoratedSocketHandlers } from '../websocket/plugin-socket.handlers';
import { RouteInputValidator } from './route-input.validator';
import { checkRouteDescription, describeRoutes } from '../openapi/route-operations.builder';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { activeTracer, contextFromHeaders, httpAnswered, inSpan } from '../tracing';

/**
 * The `DomainPlugin` made from a decorated `@Plugin` provider. The same object serves a plugin
 * in-process (built-in) and behind `PluginServer` (external): one code path for both.
 */
export class DecoratedDomainPlugin implements DomainPlugin {
  private readonly meta: Metadata;
  private operations: HttpOperations | null = null;

  constructor(
    private readonly definition: PluginDefinition,
    private readonly onShutdown: () => Promise<void> = async () => undefined,
  ) {
    const o = definition.options;
    this.meta = {
      name: o.name,
      version: o.version,
      qntxVersion: o.qntxVersion ?? '',
      description: o.description ?? '',
      author: o.author ?? '',
      license: o.license ?? '',
    };
    // A description that cannot be right stops the plugin at start, not its first request.
    for (const route of definition.routes) checkRouteDescription(o.name, route.options);
  }

  metadata(): Metadata {
    return this.meta;
  }

  async initialize(services: ServiceRegistry): Promise<void> {
    const context: PluginInitContext = {
      services,
      config: services.config(this.meta.name),
      logger: services.logger(this.meta.name),
      attestations: services.attestations(this.meta.name),
    };
    for (const hook of this.definition.hooks.init) await hook(context);
  }

  async shutdown(): Promise<void> {
    try {
      for (const hook of this.definition.hooks.shutdown) await hook();
    } finally {
      await this.onShutdown();
    }
  }

  async commands(): Promise<CommandDefinition[]> {
    return buildCommandTree(this.definition.options, this.definition.commands);
  }

  async registerHttp(router: HttpRouter): Promise<void> {
    for (const { options, handler } of this.definition.routes) {
      const relative = options.path.replace(/^\/+/, '');
      const path = relative ? `/api/${this.meta.name}/${relative}` : `/api/${this.meta.name}`;
      const streamBody = options.stream === true;
      const validator = RouteInputValidator.for(options);
      const run = (request: PluginHttpRequest) => this.invokeRoute(handler, request, streamBody, validator);
      router.handle(options.method, path, (request) => this.traced(path, request, run), { streamBody });
    }
  }

  /** Built on first use: schemas of classes need @nestjs/swagger, which a plugin loads only then. */
  async describeHttp(): Promise<HttpOperations> {
    this.operations ??= describeRoutes(this.definition.routes);
    return this.operations;
  }

  async registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    return decoratedSocketHandlers(this.meta.name, this.definition.sockets);
  }

  async health(): Promise<HealthStatus> {
    const check = this.definition.hooks.health;
    if (!check) return { healthy: true, message: 'ok', details: {} };
    try {
      const result = (await check()) as Partial<HealthStatus> | boolean | undefined;
      if (typeof result === 'boolean') return { healthy: result, message: result ? 'ok' : 'unhealthy', details: {} };
      return {
        healthy: result?.healthy ?? true,
        message: result?.message ?? '',
        details: stringifyDetails(result?.details ?? {}),
      };
    } catch (error) {
      return { healthy: false, message: error instanceof Error ? error.message : String(error), details: {} };
    }
  }

  /**
   * With an OpenTelemetry SDK registered, the handler runs in a span named after its route
   * (`GET /api/notes/notes/:id`): a child of the plugin's server span when one is active (an
   * external plugin), else of the context in the request's W3C headers (a built-in one).
   */
  private traced(
    route: string,
    request: PluginHttpRequest,
    run: (request: PluginHttpRequest) => Promise<PluginHttpResponse>,
  ): Promise<PluginHttpResponse> {
    const tracer = activeTracer();
    if (!tracer) return run(request);
    const active = context.active();
    const parent = trace.getSpan(active) ? active : contextFromHeaders(request.headers);
    const attributes = { 'http.request.method': request.method, 'http.route': route, 'qntx.plugin': this.meta.name };
    return inSpan(tracer, `${request.method} ${route}`, SpanKind.INTERNAL, attributes, parent, () => run(request), httpAnswered);
  }

  private async invokeRoute(
    handler: (...args: unknown[]) => unknown,
    request: PluginHttpRequest,
    streamBody: boolean,
    validator: RouteInputValidator | null,
  ): Promise<PluginHttpResponse> {
    try {
      const pluginRequest = toPluginRequest(request, streamBody);
      if (validator) await validator.apply(pluginRequest);
      return toHttpResponse(await handler(pluginRequest));
    } catch (error) {
      return errorToHttpResponse(error);
    }
  }
}

function stringifyDetails(details: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}
