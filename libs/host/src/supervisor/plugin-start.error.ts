/**
 * A launch that did not become a ready plugin. `retryable` is false when a restart cannot help
 * (the binary is another plugin, or speaks another protocol version): the plugin is marked
 * failed at once instead of crash-looping.
 */
export class PluginStartError extends Error {
  constructor(
    detail: string,
    readonly retryable = true,
  ) {
    super(detail);
    this.name = 'PluginStartError';
  }
}
