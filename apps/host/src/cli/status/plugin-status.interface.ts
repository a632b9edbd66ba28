import { PluginSource } from '../discovery/catalog-entry.interface';

/**
 * running: answers; in host: a built-in of the running host, which the CLI cannot reach;
 * unreachable: does not answer where it should; not started: not running, and started on
 * demand by a command; disabled: switched off in the configuration; failed: it answered but
 * could not be used (wrong name, incompatible version, failed initialize).
 */
export type PluginState = 'running' | 'in host' | 'unreachable' | 'not started' | 'disabled' | 'failed';

/** One plugin as `qntx plugins list|health` shows it (and prints with --json). */
export interface PluginStatus {
  name: string;
  version: string | null;
  description: string | null;
  kind: 'built-in' | 'external';
  source: PluginSource;
  state: PluginState;
  address: string | null;
  healthy: boolean | null;
  message: string;
  details: Record<string, string>;
}

export interface PluginStatusReport {
  /** Where the plugin list came from. */
  origin: string;
  plugins: PluginStatus[];
}
