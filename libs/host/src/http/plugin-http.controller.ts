import { All, Controller, Param, Req, Res, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PluginRequestObserver } from '../observability/plugin-request.observer';
import { withPipeline } from '../pipeline/plugin-pipeline.decorators';
import { PluginPipelineOptions } from '../pipeline/plugin-pipeline.options';
import { PluginHttpBridge } from './plugin-http.bridge';
import { closeWithConnection } from './queued-response';

/** `/api/<plugin>` and everything under it; Express 5 (path-to-regexp 8) syntax. */
export const PLUGIN_ROUTE = 'api/:plugin{/*path}';
const MOUNT_MARK = '/api/:plugin';

/**
 * Every plugin's HTTP routes, as one Nest route with the plugin as a route parameter: the app's
 * middleware, guards, interceptors, pipes, exception filters, global prefix, versioning and CORS
 * apply to plugin traffic exactly as to the app's own routes. The plugin is looked up per
 * request, so plugins can be added, replaced and removed while the app runs (Nest cannot add
 * controllers after init). The handler writes the response itself (`@Res()`): bodies stream both
 * ways, and failures before the head are thrown into Nest's exception layer.
 */
@Controller()
export class PluginHttpController {
  /** Per Express route pattern: how many characters of the URL precede "/api/<plugin>". */
  private readonly mountOffsets = new Map<string, number>();

  constructor(
    private readonly bridge: PluginHttpBridge,
    private readonly observer: PluginRequestObserver,
  ) {}

  @All(PLUGIN_ROUTE)
  forward(@Param('plugin') plugin: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    closeWithConnection(req, res);
    this.observer.observe(plugin, req, res);
    return this.bridge.handle(plugin, this.pluginUrl(req), req, res);
  }

  /** The URL from "/api/<plugin>" on, without the app's global prefix or URI version, if any. */
  private pluginUrl(req: Request): string {
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof pattern !== 'string') return req.url;
    let offset = this.mountOffsets.get(pattern);
    if (offset === undefined) {
      offset = Math.max(0, pattern.indexOf(MOUNT_MARK));
      this.mountOffsets.set(pattern, offset);
    }
    return offset === 0 ? req.url : req.url.slice(offset);
  }
}

/** The plugin controller with the host's own pipeline options applied as Nest decorators. */
export function pluginHttpController(pipeline: PluginPipelineOptions): Type<PluginHttpController> {
  return withPipeline(PluginHttpController, pipeline, 'http', Controller());
}
