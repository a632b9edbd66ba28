import { Injectable } from '@nestjs/common';
import { messageOf } from '@qntx/domains';
import { CatalogEntry } from '../discovery/catalog-entry.interface';
import { PluginAccess } from '../discovery/plugin-access.service';
import { PluginCatalog } from '../discovery/plugin-catalog';
import { PluginUnreachableError } from '../errors/plugin-unreachable.error';
import { PluginStatus, PluginStatusReport } from './plugin-status.interface';

/** Reaches every plugin of the catalog at once (never starting one) and reports how each is. */
@Injectable()
export class PluginStatusCollector {
  constructor(
    private readonly catalog: PluginCatalog,
    private readonly access: PluginAccess,
  ) {}

  async collect(): Promise<PluginStatusReport> {
    const { entries, origin } = this.catalog.load();
    const plugins = await Promise.all(entries.map((entry) => this.status(entry)));
    return { origin, plugins: plugins.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  private async status(entry: CatalogEntry): Promise<PluginStatus> {
    const base: PluginStatus = {
      name: entry.name,
      version: null,
      description: null,
      kind: entry.kind,
      source: entry.source,
      state: 'disabled',
      address: entry.address,
      healthy: null,
      message: '',
      details: {},
    };
    if (!entry.enabled) return { ...base, message: 'enabled = false in am.plugins.toml' };
    if (entry.source === 'host' && entry.kind === 'built-in' && !entry.builtin) {
      return { ...base, state: 'in host', message: 'built into the running host: see its GET /api/plugins' };
    }
    try {
      const { plugin, address } = await this.access.open(entry, { launch: false });
      const { version, description } = plugin.metadata();
      const health = await plugin.health();
      const { healthy, message, details } = health;
      return { ...base, version, description, address, state: 'running', healthy, message, details };
    } catch (error) {
      if (error instanceof PluginUnreachableError && entry.autoStart) {
        return { ...base, state: 'not started', message: 'started on demand for each command' };
      }
      const state = error instanceof PluginUnreachableError ? 'unreachable' : 'failed';
      return { ...base, state, message: messageOf(error) };
    }
  }
}
