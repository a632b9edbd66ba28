import { PluginEntry } from './plugin-entry.interface';

/** What am.plugins.toml says, validated. */
export interface HostConfig {
  /** The file it came from (for messages). */
  file: string;
  /** The `[[plugins]]` entries, or null when there is no am.plugins.toml (the built-in default applies). */
  plugins: PluginEntry[] | null;
  /** `[host] admin_token`: lets non-loopback clients use the management endpoints. */
  adminToken?: string;
  /** `[host] api_token`: plugin routes and sockets need `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** `[host] public`: plugin routes and sockets are open to anyone who reaches the host. */
  public?: boolean;
  /** `[host] allowed_hosts`: Host header names accepted besides loopback names and IP addresses; "*" for any. */
  allowedHosts?: string[];
  /** `[host] max_sockets_per_plugin`: WebSockets open at once to one plugin (0: no limit). */
  maxSocketsPerPlugin?: number;
  /** `[host] max_sockets_per_client`: WebSockets open at once from one client address (0: no limit). */
  maxSocketsPerClient?: number;
  /** Unknown keys and other things worth a warning, one line each, never a value. */
  warnings: string[];
}
