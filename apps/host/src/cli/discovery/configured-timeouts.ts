import { loadPluginEntries } from '@qntx/host/config/plugins-config.loader';
import { PluginEntry } from '@qntx/host/config/plugin-entry.interface';

/**
 * The command timeout of each configured plugin (request_timeout_ms of its [[plugins]] entry), for
 * the running host's plugins: host.json does not carry them.
 */
export function configuredTimeouts(home: string): Map<string, number> {
  let entries: PluginEntry[] = [];
  try {
    entries = loadPluginEntries(home);
  } catch {
    // The host started with this configuration; if it is unreadable now, defaults will do.
  }
  return new Map(entries.map((entry) => [entry.name, entry.requestTimeoutMs]));
}
