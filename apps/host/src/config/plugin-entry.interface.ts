/** One `[[plugins]]` table of am.plugins.toml, after defaults. */
export interface PluginEntry {
  name: string;
  enabled: boolean;
  /** Connect to a plugin that is already running at this "host:port". */
  address?: string;
  /** Per-plugin deadline of HTTP and command calls. */
  requestTimeoutMs: number;
  /** Largest request body buffered for this plugin (routes that do not stream, unary HandleHTTP). */
  maxBodyBytes?: number;
}
