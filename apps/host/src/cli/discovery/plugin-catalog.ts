import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPluginEntries } from '@qntx/host/config/plugins-config.loader';
import { CLI_OPTIONS, DEFAULT_COMMAND_TIMEOUT_MS } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CatalogEntry, PluginCatalogView } from './catalog-entry.interface';
import { configuredTimeouts } from './configured-timeouts';
import { hostRuntimeFile, readHostRuntime } from './host-runtime-file.reader';

/**
 * The plugins the CLI can reach, named without connecting to any: its own built-ins, then
 * either the plugins of the running host (from its runtime file) or the configured ones.
 */
@Injectable()
export class PluginCatalog {
  private view: PluginCatalogView | null = null;

  constructor(@Inject(CLI_OPTIONS) private readonly options: CliOptions) {}

  load(): PluginCatalogView {
    this.view ??= this.read();
    return this.view;
  }

  find(name: string): CatalogEntry | undefined {
    return this.load().entries.find((entry) => entry.name === name);
  }

  names(): string[] {
    return this.load().entries.map((entry) => entry.name);
  }

  private read(): PluginCatalogView {
    const builtins = (this.options.builtins ?? []).map((plugin): CatalogEntry => ({
      ...this.entry(plugin.metadata().name, 'built-in', 'built-in'),
      builtin: plugin,
    }));
    const taken = new Set(builtins.map((entry) => entry.name));
    const { entries, origin } = this.external();
    return { entries: [...builtins, ...entries.filter((entry) => !taken.has(entry.name))], origin };
  }

  private external(): PluginCatalogView {
    const home = this.options.home;
    const runtime = readHostRuntime(home);
    if (runtime) {
      const timeouts = configuredTimeouts(home);
      const entries = runtime.plugins.map((plugin): CatalogEntry => ({
        ...this.entry(plugin.name, plugin.kind, 'host', timeouts.get(plugin.name)),
        address: plugin.address,
        token: plugin.token,
      }));
      return { entries, origin: `the running host (pid ${runtime.pid}, ${hostRuntimeFile(home)})` };
    }
    const file = join(home, 'am.plugins.toml');
    const configured = existsSync(file);
    const entries = loadPluginEntries(home).map((config): CatalogEntry => {
      const isDefaultCode = !configured && config.name === 'code';
      return {
        ...this.entry(config.name, 'external', configured ? 'config' : 'default', config.requestTimeoutMs),
        enabled: config.enabled,
        address: (isDefaultCode ? this.options.codePluginAddress : undefined) ?? config.address ?? null,
        autoStart: isDefaultCode,
      };
    });
    return { entries, origin: configured ? file : `the defaults (no ${file})` };
  }

  private entry(
    name: string,
    kind: CatalogEntry['kind'],
    source: CatalogEntry['source'],
    timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
  ): CatalogEntry {
    return {
      name,
      kind,
      source,
      enabled: true,
      address: null,
      token: null,
      commandTimeoutMs: this.options.commandTimeoutMs ?? timeoutMs,
      builtin: null,
      autoStart: false,
    };
  }
}
