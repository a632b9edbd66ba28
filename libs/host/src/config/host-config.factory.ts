import { Logger } from '@nestjs/common';
import { HostOptions } from '../host-options.interface';
import { HostConfig } from './host-config.interface';
import { loadPluginSettings } from './plugin-settings.loader';
import { loadHostConfig } from './plugins-config.loader';

/**
 * The host's configuration: am.plugins.toml (or the entries given in code), warnings logged
 * by key, never by value. Throws a ConfigFileError the host reports and exits on.
 */
export function resolveHostConfig(options: HostOptions): HostConfig {
  const config: HostConfig = options.plugins
    ? { file: '(host options)', plugins: options.plugins, warnings: [] }
    : loadHostConfig(options.home);
  const log = new Logger('Config');
  for (const warning of config.warnings) log.warn(warning);
  if (options.adminToken !== undefined) config.adminToken = options.adminToken;
  if (options.apiToken !== undefined) config.apiToken = options.apiToken;
  if (options.public !== undefined) config.public = options.public;
  if (options.allowedHosts !== undefined) config.allowedHosts = options.allowedHosts;
  return config;
}

/** Each plugin's am.<name>.toml (expanded), with the settings given in code merged over it. */
export function resolvePluginSettings(options: HostOptions, names: string[]): Record<string, Record<string, string>> {
  return Object.fromEntries(
    names.map((name) => [name, { ...loadPluginSettings(options.home, name), ...(options.pluginSettings?.[name] ?? {}) }]),
  );
}
