import { DomainPlugin } from '@qntx/domains';
import { PluginEntry } from './config/plugin-entry.interface';

export interface HostOptions {
  /** The config directory ($QNTX_HOME). */
  home: string;
  /** Plugin entries; read from am.plugins.toml when absent. */
  plugins?: PluginEntry[];
  /** Plugins that run inside the host. */
  builtins?: DomainPlugin[];
  /** Settings merged over each plugin's am.<name>.toml (tests, embedding). */
  pluginSettings?: Record<string, Record<string, string>>;
  /** Default largest buffered request body of a plugin without its own `max_body_bytes`. */
  maxBodyBytes?: number;
  /** Default request timeout of a plugin without its own `request_timeout_ms` (built-ins too). */
  requestTimeoutMs?: number;
}
