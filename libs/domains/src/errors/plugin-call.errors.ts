/**
 * Failures of a call into a plugin, independent of how the plugin is reached. The host maps
 * them to HTTP statuses (503, 502, 504) without knowing whether a plugin is built-in or not.
 */
export class PluginUnavailableError extends Error {
  constructor(
    readonly plugin: string,
    detail: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(`Plugin "${plugin}" is not available: ${detail}`);
    this.name = 'PluginUnavailableError';
  }
}

export class PluginCallError extends Error {
  constructor(
    readonly plugin: string,
    detail: string,
  ) {
    super(`Plugin "${plugin}" failed: ${detail}`);
    this.name = 'PluginCallError';
  }
}

export class PluginTimeoutError extends Error {
  constructor(
    readonly plugin: string,
    readonly timeoutMs: number,
  ) {
    super(`Plugin "${plugin}" did not answer within ${timeoutMs} ms.`);
    this.name = 'PluginTimeoutError';
  }
}
