import { isAbsolute, resolve } from 'node:path';
import { PluginTlsOptions } from '@qntx/plugin-grpc';
import { ConfigFileError } from './config-file.error';
import { TLS_TABLE_KEYS } from './config-keys';

const KEYS: Record<string, keyof PluginTlsOptions> = Object.fromEntries(TLS_TABLE_KEYS.map(({ key, field }) => [key, field]));

/**
 * The `[plugins.tls]` sub-table of one `[[plugins]]` entry: reach that plugin over TLS, or mutual
 * TLS when `cert` and `key` are given. Relative file paths are read from $QNTX_HOME, where the
 * config file lives. `tls = {}` means TLS with the system's CAs.
 */
export function parsePluginTls(file: string, plugin: string, value: unknown, home: string): PluginTlsOptions | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigFileError(file, `plugin "${plugin}": "tls" must be a table ([plugins.tls]) with ca, cert, key, server_name.`);
  }
  const tls: PluginTlsOptions = {};
  for (const [key, raw] of Object.entries(value)) {
    const field = KEYS[key];
    if (!field) {
      throw new ConfigFileError(file, `plugin "${plugin}": unknown tls setting "${key}"; use ca, cert, key or server_name.`);
    }
    if (typeof raw !== 'string' || raw === '') {
      throw new ConfigFileError(file, `plugin "${plugin}": tls.${key} must be a non-empty string.`);
    }
    tls[field] = field === 'serverName' || isAbsolute(raw) ? raw : resolve(home, raw);
  }
  if (Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
    throw new ConfigFileError(file, `plugin "${plugin}": tls.cert and tls.key go together (mutual TLS); set both or neither.`);
  }
  return tls;
}
