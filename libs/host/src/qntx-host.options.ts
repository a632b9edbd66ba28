import type { ModuleMetadata } from '@nestjs/common';
import { HostOptions } from './host-options.interface';
import { PluginPipelineOptions } from './pipeline/plugin-pipeline.options';
import { HostOpenApiOptions } from './openapi/openapi.options';

/** What the module mounts besides plugin routes and sockets. */
export interface QntxHostMounts {
  /** Guards, interceptors and filters for plugin traffic, on top of the app's global ones. */
  routes?: PluginPipelineOptions;
  /** The status page at `/` (default on); turn it off when the app serves its own `/`. */
  statusPage?: boolean;
  /** Prometheus text at `/metrics` (default on). */
  metrics?: boolean;
  /**
   * The app's OpenAPI document with every plugin's routes, and Swagger UI at `api/docs`
   * (default on; `false` turns both off). See HostOpenApiOptions.
   */
  openApi?: HostOpenApiOptions | false;
  /** Terminus liveness and readiness at `/api/health/live` and `/api/health/ready` (default on). */
  health?: boolean;
}

/**
 * `QntxHostModule.forRoot(options)`: HostOptions (the same keys as am.plugins.toml covers, which
 * stays the default source of plugin entries) with `home` defaulting to $QNTX_HOME or ~/.qntx.
 */
export interface QntxHostOptions extends Omit<HostOptions, 'home'>, QntxHostMounts {
  home?: string;
}

/**
 * `QntxHostModule.forRootAsync(...)`: the host's options from a factory (ConfigService, say).
 * What the module mounts is given here, not by the factory: Nest fixes a module's controllers
 * and their decorators before any provider runs.
 */
export interface QntxHostAsyncOptions extends Pick<ModuleMetadata, 'imports'>, QntxHostMounts {
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: never[]) => Omit<QntxHostOptions, keyof QntxHostMounts> | Promise<Omit<QntxHostOptions, keyof QntxHostMounts>>;
}
