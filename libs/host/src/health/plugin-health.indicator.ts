import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DomainRegistry, HealthStatus } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { PluginState } from '../supervisor/plugin-runtime-status';

/** One plugin as a health check reports it. */
export interface PluginServingStatus {
  /** Serving: running and reporting itself healthy. */
  serving: boolean;
  state: PluginState;
  message: string;
  details: Record<string, string>;
}

/** The key of the all-plugins check. */
const ALL_PLUGINS_KEY = 'plugins';

/**
 * A Terminus health indicator over the host's plugins, for an app's own HealthController:
 *
 *   @Get('health') @HealthCheck()
 *   check() { return this.health.check([() => this.plugins.isServing('code'), () => this.plugins.isServing()]); }
 *
 * A plugin is up when it is running and its own health check passes; the result carries its
 * state (`running`, `unhealthy`, `restarting`, `stopped`, ...), message and health details. The
 * plugins are read on every check, so one added or removed while the app runs counts.
 */
@Injectable()
export class PluginHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly registry: DomainRegistry,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
  ) {}

  /**
   * One plugin under its own name as key, or, without a name, every plugin under `plugins`
   * (up when all are serving, with each one's status and a `failing` list).
   */
  async isServing(plugin?: string): Promise<HealthIndicatorResult> {
    return plugin === undefined ? this.allServing() : this.oneServing(plugin);
  }

  /** Every registered plugin's status, by name. */
  async statuses(): Promise<Record<string, PluginServingStatus>> {
    const health = await this.registry.healthAll();
    return Object.fromEntries(Object.entries(health).map(([name, status]) => [name, this.statusOf(name, status)]));
  }

  private async oneServing(name: string): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(name);
    const health = await this.registry.health(name);
    if (!health) {
      const known = this.registry.names();
      return session.down({ message: `No plugin named "${name}" is registered (${known.length ? `plugins: ${known.join(', ')}` : 'no plugins'}).` });
    }
    const { serving, ...status } = this.statusOf(name, health);
    return serving ? session.up({ ...status }) : session.down({ ...status });
  }

  private async allServing(): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(ALL_PLUGINS_KEY);
    const statuses = await this.statuses();
    const failing = Object.keys(statuses).filter((name) => !statuses[name].serving);
    const plugins = Object.fromEntries(Object.entries(statuses).map(([name, { serving: _, ...status }]) => [name, status]));
    return failing.length === 0 ? session.up({ plugins }) : session.down({ failing, plugins });
  }

  /** The supervisor's state for a plugin the host launched; otherwise its health decides, as in GET /api/plugins. */
  private statusOf(name: string, health: HealthStatus): PluginServingStatus {
    const entry = this.loaded.find((loaded) => loaded.plugin.metadata().name === name);
    const state: PluginState =
      entry?.supervisor?.status().state ?? (entry?.failure ? 'failed' : health.healthy ? 'running' : 'unhealthy');
    return { serving: state === 'running' && health.healthy, state, message: health.message, details: health.details };
  }
}
