import { join } from 'node:path';
import { DEFAULT_CODE_PLUGIN_ADDRESS } from '../host.constants';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './plugin-entry.defaults';
import { ConfigFileError } from './config-file.error';
import { HOST_TABLE_KEYS } from './config-keys';
import { expandVariables } from './env-expansion';
import { HostConfig } from './host-config.interface';
import { PluginEntry } from './plugin-entry.interface';
import { validatePluginTable } from './plugin-table.validator';
import { readTomlFile } from './toml-file.reader';

export const PLUGINS_CONFIG_FILE = 'am.plugins.toml';

type HostTableSettings = Pick<
  HostConfig,
  'adminToken' | 'apiToken' | 'allowedHosts' | 'public' | 'maxSocketsPerPlugin' | 'maxSocketsPerClient'
>;

const TOP_LEVEL_KEYS = new Set(['plugins', 'host']);
const HOST_KEYS = new Set(HOST_TABLE_KEYS.map(({ key }) => key));

/**
 * Reads and validates `$QNTX_HOME/am.plugins.toml`. Without the file, `plugins` is null and the
 * host runs its built-in default (the code plugin). Errors are ConfigFileErrors naming the file,
 * the plugin and the key; unknown keys are collected as warnings, by name.
 */
export function loadHostConfig(home: string, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const file = join(home, PLUGINS_CONFIG_FILE);
  const warnings: string[] = [];
  const doc = readTomlFile(file);
  if (doc === null) return { file, plugins: null, warnings };

  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.has(key)) warnings.push(`${file}: unknown top-level key "${key}" is ignored.`);
  }
  return { file, plugins: readPlugins(doc.plugins), warnings, ...readHostTable(doc.host) };

  function readPlugins(tables: unknown): PluginEntry[] {
    if (tables === undefined) return [];
    if (!Array.isArray(tables)) throw new ConfigFileError(file, '"plugins" must be an array of tables: write [[plugins]].');
    const entries = tables.map((table, index) =>
      validatePluginTable(table, index, { file, home, env, warn: (message) => warnings.push(message) }),
    );
    const seen = new Set<string>();
    for (const { name } of entries) {
      if (seen.has(name)) {
        throw new ConfigFileError(file, `two [[plugins]] entries are named "${name}"; plugin names must be unique.`);
      }
      seen.add(name);
    }
    return entries;
  }

  function readHostTable(table: unknown): HostTableSettings {
    if (table === undefined) return {};
    if (table === null || typeof table !== 'object' || Array.isArray(table)) {
      throw new ConfigFileError(file, '"host" must be a table: write [host].');
    }
    const host = table as Record<string, unknown>;
    for (const key of Object.keys(host)) {
      if (!HOST_KEYS.has(key)) warnings.push(`${file}: [host]: unknown key "${key}" is ignored.`);
    }
    const read: HostTableSettings = {};
    const adminToken = secret('admin_token');
    if (adminToken !== undefined) read.adminToken = adminToken;
    const apiToken = secret('api_token');
    if (apiToken !== undefined) read.apiToken = apiToken;
    if (host.public !== undefined) {
      if (typeof host.public !== 'boolean') throw new ConfigFileError(file, '[host]: "public" must be true or false.');
      read.public = host.public;
    }
    const hosts = host.allowed_hosts;
    if (hosts !== undefined) {
      if (!Array.isArray(hosts) || hosts.some((name) => typeof name !== 'string' || name.trim() === '')) {
        throw new ConfigFileError(file, '[host]: "allowed_hosts" must be an array of host names, e.g. ["qntx.example.com"], or ["*"].');
      }
      read.allowedHosts = hosts as string[];
    }
    for (const [key, field] of [
      ['max_sockets_per_plugin', 'maxSocketsPerPlugin'],
      ['max_sockets_per_client', 'maxSocketsPerClient'],
    ] as const) {
      const value = host[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new ConfigFileError(file, `[host]: "${key}" must be a whole number of at least 0 (0: no limit), got ${JSON.stringify(value)}.`);
      }
      read[field] = value;
    }
    return read;

    function secret(key: string): string | undefined {
      const value = host[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') throw new ConfigFileError(file, `[host]: "${key}" must be a string.`);
      const expanded = expandVariables(value, env, file, `host.${key}`);
      return expanded === '' ? undefined : expanded;
    }
  }
}

/**
 * The configured plugin entries, or, without am.plugins.toml, the default: the code plugin at
 * localhost:9000 (the host itself goes further and launches it when nothing answers there).
 */
export function loadPluginEntries(home: string, env: NodeJS.ProcessEnv = process.env): PluginEntry[] {
  const { plugins } = loadHostConfig(home, env);
  return plugins ?? [{ name: 'code', enabled: true, address: DEFAULT_CODE_PLUGIN_ADDRESS, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS }];
}

function positiveInteger(file: string, table: Record<string, unknown>, key: string): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigFileError(file, `plugin "${table.name}": "${key}" must be a positive whole number, got ${JSON.stringify(value)}.`);
  }
  return value;
}
