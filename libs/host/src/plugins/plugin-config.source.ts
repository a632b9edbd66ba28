import { Logger } from '@nestjs/common';
import { resolvePluginSettings } from '../config/host-config.factory';
import { PluginEntry } from '../config/plugin-entry.interface';
import { loadHostConfig } from '../config/plugins-config.loader';
import { HostOptions } from '../host-options.interface';
import { ReloadUnavailableError } from './reload-unavailable.error';

/** The plugins the configuration asks for now. */
export interface DesiredPlugins {
  file: string;
  /** The enabled entries, by name. */
  entries: Map<string, PluginEntry>;
  /** The plugin's settings as they are now, or the error that reading them gave (it names the file and key). */
  settings(name: string): Record<string, string> | Error;
}

/**
 * Reads am.plugins.toml again for a reload. A file that does not load (a syntax error, a binary
 * that is not there) throws its ConfigFileError and nothing is changed. Without the file, the
 * plugins the host started with are what is wanted (its default code plugin stays).
 */
export class PluginConfigSource {
  private readonly log = new Logger('Config');

  constructor(
    private readonly options: HostOptions,
    private readonly file: string,
    private readonly startEntries: PluginEntry[],
  ) {}

  read(): DesiredPlugins {
    if (this.options.plugins) {
      throw new ReloadUnavailableError('the plugins were given in code (the "plugins" option of QntxHostModule), not read from am.plugins.toml.');
    }
    const config = loadHostConfig(this.options.home);
    for (const warning of config.warnings) this.log.warn(warning);
    const entries =
      config.plugins === null
        ? this.startEntries.filter((entry) => entry.enabled)
        : config.plugins.filter((entry) => entry.enabled).map((entry) => ({ origin: `listed in ${config.file}`, ...entry }));
    return {
      file: config.plugins === null ? this.file : config.file,
      entries: new Map(entries.map((entry) => [entry.name, entry])),
      settings: (name) => {
        try {
          return resolvePluginSettings(this.options, [name])[name];
        } catch (error) {
          return error as Error;
        }
      },
    };
  }
}
