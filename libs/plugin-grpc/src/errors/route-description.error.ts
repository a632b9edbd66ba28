/** A `@PluginRoute` whose description cannot be right: says which plugin, route and setting. */
export class RouteDescriptionError extends Error {
  constructor(plugin: string, method: string, path: string, problem: string) {
    super(`Plugin "${plugin}", route ${method} /api/${plugin}${path ? `/${path}` : ''}: ${problem}`);
    this.name = 'RouteDescriptionError';
  }
}
