import { join } from 'node:path';
import { DEFAULT_CODE_PLUGIN_ADDRESS, DEFAULT_REQUEST_TIMEOUT_MS } from '../host.constants';
import { ConfigFileError } from './config-file.error';
import { PluginEntry } from './plugin-entry.interface';
import { readTomlFile } from './toml-file.reader';

/**
 * The `[[plugins]]` tables of `$QNTX_HOME/am.plugins.toml`. Without the file, the code plugin
 * is expected at localhost:9000 (`nest start code-plugin`).
 */
export function loadPluginEntries(home: string): PluginEntry[] {
  const file = join(home, 'am.plugins.toml');
  const doc = readTomlFile(file);
  if (doc === null) {
    return [{ name: 'code', enabled: true, address: DEFAULT_CODE_PLUGIN_ADDRESS, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS }];
  }
  const tables = doc.plugins ?? [];
  if (!Array.isArray(tables)) throw new ConfigFileError(file, '"plugins" must be an array of tables ([[plugins]]).');
  const seen = new Set<string>();
  return tables.map((table: unknown, index: number) => {
    const where = `[[plugins]] #${index + 1}`;
    if (typeof table !== 'object' || table === null) throw new ConfigFileError(file, `${where} is not a table.`);
    const t = table as Record<string, unknown>;
    if (typeof t.name !== 'string' || t.name === '') throw new ConfigFileError(file, `${where}: "name" must be a non-empty string.`);
    if (seen.has(t.name)) throw new ConfigFileError(file, `two [[plugins]] entries are named "${t.name}".`);
    seen.add(t.name);
    if (t.enabled !== undefined && typeof t.enabled !== 'boolean') {
      throw new ConfigFileError(file, `plugin "${t.name}": "enabled" must be true or false, got ${JSON.stringify(t.enabled)}.`);
    }
    if (t.address !== undefined && typeof t.address !== 'string') {
      throw new ConfigFileError(file, `plugin "${t.name}": "address" must be a "host:port" string.`);
    }
    return {
      name: t.name,
      enabled: t.enabled ?? true,
      address: t.address as string | undefined,
      requestTimeoutMs: positiveInteger(file, t, 'request_timeout_ms') ?? DEFAULT_REQUEST_TIMEOUT_MS,
      maxBodyBytes: positiveInteger(file, t, 'max_body_bytes'),
    };
  });
}

function positiveInteger(file: string, table: Record<string, unknown>, key: string): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigFileError(file, `plugin "${table.name}": "${key}" must be a positive whole number, got ${JSON.stringify(value)}.`);
  }
  return value;
}
