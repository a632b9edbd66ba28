import { PluginEntry } from './plugin-entry.interface';

/** What am.plugins.toml says, validated. */
export interface HostConfig {
  /** The file it came from (for messages). */
  file: string;
  /** The `[[plugins]]` entries, or null when there is no am.plugins.toml (the built-in default applies). */
  plugins: PluginEntry[] | null;
  /** `[host] admin_token`: lets non-loopback clients use the management endpoints. */
  adminToken?: string;
  /** Unknown keys and other things worth a warning, one line each, never a value. */
  warnings: string[];
}
