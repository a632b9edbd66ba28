import { PluginTlsOptions } from '@qntx/plugin-grpc';

/** One `[[plugins]]` table of am.plugins.toml, after defaults. */
export interface PluginEntry {
  name: string;
  enabled: boolean;
  /** Connect to a plugin that is already running at this "host:port". */
  address?: string;
  /** Per-plugin deadline of HTTP and command calls. */
  requestTimeoutMs: number;
  /** Reach `address` over TLS or mutual TLS (the `[plugins.tls]` sub-table); files already resolved. */
  tls?: PluginTlsOptions;
}
