import type { CanActivate, ExceptionFilter, NestInterceptor, Type } from '@nestjs/common';

export type GuardLike = Type<CanActivate> | CanActivate;
export type InterceptorLike = Type<NestInterceptor> | NestInterceptor;
export type FilterLike = Type<ExceptionFilter> | ExceptionFilter;

/**
 * Enhancers for plugin traffic, on top of everything the app applies globally (APP_GUARD,
 * `useGlobalInterceptors`, ...), which reaches plugin routes like any other route. They are
 * applied as `@UseGuards` / `@UseInterceptors` / `@UseFilters` on the host's plugin controller;
 * guards also decide WebSocket upgrades under /ws/<plugin>/. Class enhancers are resolved in the
 * host module, so their dependencies must be exported by a module listed in `imports`.
 */
export interface PluginPipelineOptions {
  /**
   * The host's own access policy (PluginAccessGuard: allowed Host names, `[host] api_token`),
   * first on plugin routes and sockets; default on. `false` when the app's guards replace it.
   */
  accessGuard?: boolean;
  /**
   * CSRF protection on plugin HTTP routes (CrossSiteGuard: Fetch Metadata, then Origin); default
   * on. `false` when the app's guards replace it.
   */
  crossSiteGuard?: boolean;
  /** Guards for every plugin's HTTP routes and WebSocket upgrades. */
  guards?: GuardLike[];
  /** Interceptors around every plugin HTTP route. */
  interceptors?: InterceptorLike[];
  /** Exception filters for every plugin HTTP route (they see PluginHttpException for 404/413/502/503/504). */
  filters?: FilterLike[];
  /** Guards for one plugin's routes and sockets, by plugin name, after the ones above. */
  plugins?: Record<string, PluginRouteOptions>;
}

/** What applies to one plugin's traffic only. */
export interface PluginRouteOptions {
  /** Guards for this plugin's routes and sockets, after the ones for every plugin. */
  guards?: GuardLike[];
  /** Requests from pages on other sites reach this plugin (it is meant to be public). Default false. */
  crossSite?: boolean;
  /**
   * Its responses may act as the host's own pages. By default every plugin response carries
   * `Content-Security-Policy: sandbox ...` without `allow-same-origin`, so a plugin's page runs in
   * an origin of its own and cannot read host endpoints or drive other plugins. Default false.
   */
  sameOriginPages?: boolean;
}
