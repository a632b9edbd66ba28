import { Provider } from '@nestjs/common';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT_MS, HOST_OPTIONS, HOST_PLUGINS } from '../host.constants';
import type { HostPlugins } from '../plugins/plugin-loader';
import { HostOptions } from '../host-options.interface';
import { PluginEntry } from '../config/plugin-entry.interface';

/** The bounds of one plugin's HTTP calls. */
export interface PluginHttpLimits {
  /** How long the plugin may take to answer with a response head. */
  requestTimeoutMs: number;
  /** Largest request body buffered for a route that does not stream it (413 past it). */
  maxBodyBytes: number;
}

/** Each plugin's limits: its am.plugins.toml entry, else the host's defaults. */
export class PluginHttpLimitTable {
  private readonly byName = new Map<string, PluginHttpLimits>();

  constructor(
    private readonly defaults: PluginHttpLimits,
    entries: PluginEntry[],
  ) {
    for (const entry of entries) {
      this.byName.set(entry.name, {
        requestTimeoutMs: entry.requestTimeoutMs ?? defaults.requestTimeoutMs,
        maxBodyBytes: entry.maxBodyBytes ?? defaults.maxBodyBytes,
      });
    }
  }

  get(plugin: string): PluginHttpLimits {
    return this.byName.get(plugin) ?? this.defaults;
  }
}

export function pluginHttpLimitsProvider(): Provider {
  return {
    provide: PluginHttpLimitTable,
    inject: [HOST_OPTIONS, HOST_PLUGINS],
    useFactory: (options: HostOptions, { entries }: HostPlugins) =>
      new PluginHttpLimitTable(
        {
          requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        },
        entries,
      ),
  };
}
