/** Two `@PluginSocket` methods of one plugin claim the same path. */
export class DuplicateSocketPathError extends Error {
  constructor(plugin: string, path: string) {
    super(`Plugin "${plugin}" declares @PluginSocket('${path}') on two methods; give each socket its own path.`);
    this.name = 'DuplicateSocketPathError';
  }
}
