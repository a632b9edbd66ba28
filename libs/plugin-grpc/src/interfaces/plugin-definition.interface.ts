import { PluginCommandOptions, PluginOptions, PluginRouteOptions } from './plugin-options.interface';

export type BoundHandler = (...args: unknown[]) => unknown;

/** Everything the explorer found on one `@Plugin` provider, with its methods bound. */
export interface PluginDefinition {
  options: PluginOptions;
  commands: { options: PluginCommandOptions; handler: BoundHandler }[];
  /** `methodName`: the handler's name, the route's operation id in the OpenAPI document. */
  routes: { options: PluginRouteOptions; handler: BoundHandler; methodName?: string }[];
  sockets: { path: string; handler: BoundHandler }[];
  hooks: { init: BoundHandler[]; shutdown: BoundHandler[]; health: BoundHandler | null };
}
