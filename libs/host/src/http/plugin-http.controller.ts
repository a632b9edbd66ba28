import { All, Controller, Param, Req, Res, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { PluginRequestObserver } from '../observability/plugin-request.observer';
import { withPipeline } from '../pipeline/plugin-pipeline.decorators';
import { PluginPipelineOptions } from '../pipeline/plugin-pipeline.options';
import { PluginHttpBridge } from './plugin-http.bridge';
import { closeWithConnection } from './queued-response';
import { rawExchange } from './raw-exchange';

/** `/api/<plugin>` and everything under it, in Express 5's syntax (path-to-regexp 8). */
export const PLUGIN_ROUTE = 'api/:plugin{/*path}';
/** The same for Fastify (find-my-way: a wildcard only at the end, no optional group). */
const FASTIFY_PLUGIN_ROUTES = ['api/:plugin', 'api/:plugin/*'];
const MOUNT_MARK = '/api/:plugin';

/**
 * Every plugin's HTTP routes, as one Nest route with the plugin as a route parameter: the app's
 * middleware, guards, interceptors, pipes, exception filters, global prefix, versioning and CORS
 * apply to plugin traffic exactly as to the app's own routes. The plugin is looked up per
 * request, so plugins can be added, replaced and removed while the app runs (Nest cannot add
 * controllers after init). The handler writes the response itself (`@Res()`): bodies stream both
 * ways, and failures before the head are thrown into Nest's exception layer. Express and Fastify
 * apps alike: the handler works on Node's request and response under either.
 */
@Controller()
export class PluginHttpController {
  /** Per route pattern: how many characters of the URL precede "/api/<plugin>". */
  private readonly mountOffsets = new Map<string, number>();

  constructor(
    private readonly bridge: PluginHttpBridge,
    private readonly observer: PluginRequestObserver,
  ) {}

  @All(PLUGIN_ROUTE)
  forward(@Param('plugin') plugin: string, @Req() request: unknown, @Res() response: unknown): Promise<void> {
    const exchange = rawExchange(request, response);
    // Only a response queued behind another on its connection lacks its socket (and can miss its 'close').
    if (!exchange.res.socket) closeWithConnection(exchange.req, exchange.res);
    this.observer.observe(plugin, exchange.req, exchange.res);
    return this.bridge.handle(plugin, this.pluginUrl(exchange.req.url ?? '/', exchange.pattern), exchange);
  }

  /** The URL from "/api/<plugin>" on, without the app's global prefix or URI version, if any. */
  private pluginUrl(url: string, pattern: string | undefined): string {
    if (pattern === undefined) return url;
    let offset = this.mountOffsets.get(pattern);
    if (offset === undefined) {
      offset = Math.max(0, pattern.indexOf(MOUNT_MARK));
      this.mountOffsets.set(pattern, offset);
    }
    return offset === 0 ? url : url.slice(offset);
  }
}

/**
 * The plugin controller with the host's own pipeline options applied as Nest decorators: a class
 * of its own per module, whose route paths `routePluginsFor` may set for the app's adapter.
 */
export function pluginHttpController(pipeline: PluginPipelineOptions): Type<PluginHttpController> {
  const piped = withPipeline(PluginHttpController, pipeline, 'http', Controller());
  const own = class extends piped {};
  Object.defineProperty(own, 'name', { value: piped.name });
  Controller()(own);
  // A route method of the class's own (same behaviour, same parameters), so that its path
  // metadata can change without changing another module's controller.
  const forward: PluginHttpController['forward'] = function (this: PluginHttpController, ...args) {
    return PluginHttpController.prototype.forward.apply(this, args);
  };
  Object.defineProperty(own.prototype, 'forward', { value: forward, writable: true, configurable: true });
  All(PLUGIN_ROUTE)(own.prototype, 'forward', Object.getOwnPropertyDescriptor(own.prototype, 'forward') as PropertyDescriptor);
  return own;
}

/**
 * Sets the plugin routes' paths for the app's HTTP adapter, before Nest registers routes (the
 * module's `configure`, which runs first). Express is the default; `adapterType` is
 * `HttpAdapterHost.httpAdapter.getType()`.
 */
export function routePluginsFor(controller: Type<PluginHttpController>, adapterType: string | undefined): void {
  if (adapterType !== 'fastify') return;
  Reflect.defineMetadata(PATH_METADATA, FASTIFY_PLUGIN_ROUTES, controller.prototype.forward);
}
