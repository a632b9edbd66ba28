/** Everything the templates of a generated plugin project are filled from. */
export interface PluginProjectInput {
  /** The plugin's name, as in am.plugins.toml and /api/<name>. */
  name: string;
  /** "WeatherPlugin" for "weather". */
  className: string;
  /** Absolute folder of the project. */
  dir: string;
  /** Absolute folder of the qntx checkout whose SDK sources the project compiles. */
  sdkRoot: string;
  /** Version ranges of the project's dependencies (the checkout's own). */
  versions: Record<string, string>;
  /** The host version range the plugin declares (`qntxVersion`). */
  hostRange: string;
}

/** "weather" → "WeatherPlugin", "my_thing-two" → "MyThingTwoPlugin". */
export function pluginClassName(name: string): string {
  return `${name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}Plugin`;
}
