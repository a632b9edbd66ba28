import { Controller, Get, Inject } from '@nestjs/common';
import { DomainRegistry, HealthStatus } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { LivePlugins } from '../plugins/live-plugins';
import { PluginRuntimeStatus } from '../supervisor/plugin-runtime-status';

/** The host's own view of its plugins: `GET /api/plugins`, with each plugin's generations. */
@Controller('api/plugins')
export class PluginsStatusController {
  constructor(
    private readonly registry: DomainRegistry,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly live: LivePlugins,
  ) {}

  @Get()
  async list(): Promise<{ hostVersion: string; plugins: object[] }> {
    const health = await this.registry.healthAll();
    const byName = new Map(this.loaded.map((entry) => [entry.plugin.metadata().name, entry]));
    const plugins = this.registry.list().map((plugin) => {
      const metadata = plugin.metadata();
      const entry = byName.get(metadata.name);
      const status = health[metadata.name];
      const slot = this.live.get(metadata.name);
      return {
        ...metadata,
        kind: entry?.kind ?? 'built-in',
        launched: entry?.supervisor !== undefined || entry?.replicas?.replicas.some((replica) => replica.supervisor) === true,
        origin: entry?.origin ?? null,
        ...(entry?.supervisor?.status() ?? unsupervised(entry, status)),
        lifecycle: this.registry.state(metadata.name),
        health: status,
        // Each process of a replicated plugin, and each version running or recently run (newest
        // first) with the last change made while the host ran.
        ...(entry?.replicas ? { replicas: entry.replicas.describe() } : {}),
        generations: slot?.describeGenerations() ?? [],
        lastChange: slot?.lastChange ?? null,
      };
    });
    return { hostVersion: this.registry.hostVersion, plugins };
  }
}

/**
 * A plugin the host does not launch (built-in, or reached at an address): its state is its
 * health, or `failed` when the host refused it at start.
 */
function unsupervised(entry: LoadedPlugin | undefined, health: HealthStatus): PluginRuntimeStatus {
  return {
    state: entry?.failure ? 'failed' : health.healthy ? 'running' : 'unhealthy',
    pid: null,
    address: entry?.address ?? null,
    restarts: 0,
    lastError: health.healthy ? null : health.message,
    uptimeSeconds: null,
  };
}
