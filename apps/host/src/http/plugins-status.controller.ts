import { Controller, Get, Inject } from '@nestjs/common';
import { DomainRegistry } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';

/** The host's own view of its plugins: `GET /api/plugins`. */
@Controller('api/plugins')
export class PluginsStatusController {
  constructor(
    private readonly registry: DomainRegistry,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
  ) {}

  @Get()
  async list(): Promise<{ hostVersion: string; plugins: object[] }> {
    const health = await this.registry.healthAll();
    const byName = new Map(this.loaded.map((entry) => [entry.plugin.metadata().name, entry]));
    const plugins = this.registry.list().map((plugin) => {
      const metadata = plugin.metadata();
      const entry = byName.get(metadata.name);
      const status = health[metadata.name];
      return {
        ...metadata,
        kind: entry?.kind ?? 'built-in',
        address: entry?.address ?? null,
        state: status.healthy ? 'running' : 'unhealthy',
        lifecycle: this.registry.state(metadata.name),
        health: status,
      };
    });
    return { hostVersion: this.registry.hostVersion, plugins };
  }
}
