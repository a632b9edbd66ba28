export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A plugin's own settings (its `am.<name>.toml`), typed on read. */
export interface PluginConfig {
  get(key: string): string | undefined;
  getString(key: string, fallback?: string): string;
  getInt(key: string, fallback?: number): number;
  getBool(key: string, fallback?: boolean): boolean;
  getStringSlice(key: string, fallback?: string[]): string[];
  set(key: string, value: string): void;
  /** Every key and value, as text: what travels in InitializeRequest.config. */
  toRecord(): Record<string, string>;
}

/** What the host offers a plugin at initialize. */
export interface ServiceRegistry {
  logger(domain: string): PluginLogger;
  config(domain: string): PluginConfig;
}
