import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { DomainRegistry } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { PluginState } from '../supervisor/plugin-runtime-status';
import { renderHttpMetrics } from './http-metrics.renderer';
import { PluginHttpStats } from './plugin-http.stats';
import { PLUGIN_INFO, PLUGIN_RESTARTS, PLUGIN_STATE, WEBSOCKETS_OPEN, WEBSOCKETS_OPENED } from './metrics.constants';

const STATES: readonly PluginState[] = ['starting', 'running', 'unhealthy', 'restarting', 'failed', 'stopped'];

/**
 * The host's metrics, served by GET /metrics. Every label value is a plugin name from the
 * loaded configuration (never from a URL) or one of a fixed set, so the series count is
 * bounded. HTTP figures are recorded by PluginRequestObserver, sockets by the gateway;
 * plugin state, restarts and versions are read from the plugins when scraped.
 */
@Injectable()
export class HostMetrics {
  readonly registry = new Registry();
  private readonly http = new Map<string, PluginHttpStats>();
  private readonly socketsOpen: Gauge<'plugin'>;
  private readonly socketsOpened: Counter<'plugin'>;

  constructor(
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly domains: DomainRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const names = loaded.map(({ plugin }) => plugin.metadata().name);
    for (const name of names) this.http.set(name, new PluginHttpStats());
    this.socketsOpen = new Gauge({ ...WEBSOCKETS_OPEN, labelNames: ['plugin'], registers });
    this.socketsOpened = new Counter({ ...WEBSOCKETS_OPENED, labelNames: ['plugin'], registers });
    for (const plugin of names) {
      this.socketsOpen.set({ plugin }, 0);
      this.socketsOpened.inc({ plugin }, 0);
    }
    this.pluginGauges(registers);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The HTTP figures of a loaded plugin; undefined for any other name. */
  httpStats(plugin: string): PluginHttpStats | undefined {
    return this.http.get(plugin);
  }

  socketOpened(plugin: string): void {
    if (!this.http.has(plugin)) return;
    this.socketsOpen.inc({ plugin });
    this.socketsOpened.inc({ plugin });
  }

  socketClosed(plugin: string): void {
    if (this.http.has(plugin)) this.socketsOpen.dec({ plugin });
  }

  /** Everything, in Prometheus text format. */
  async render(): Promise<string> {
    return `${await this.registry.metrics()}\n${renderHttpMetrics(this.http)}`;
  }

  /** State, restarts and versions, read from the plugins at each scrape. */
  private pluginGauges(registers: Registry[]): void {
    const loaded = this.loaded;
    const domains = this.domains;
    new Gauge({
      ...PLUGIN_STATE,
      labelNames: ['plugin', 'state'],
      registers,
      async collect() {
        const current = await Promise.all(loaded.map((entry) => stateOf(entry, domains)));
        loaded.forEach(({ plugin }, i) => {
          for (const state of STATES) this.set({ plugin: plugin.metadata().name, state }, state === current[i] ? 1 : 0);
        });
      },
    });
    new Counter({
      ...PLUGIN_RESTARTS,
      labelNames: ['plugin'],
      registers,
      collect() {
        this.reset();
        for (const { plugin, supervisor } of loaded)
          this.inc({ plugin: plugin.metadata().name }, supervisor?.status().restarts ?? 0);
      },
    });
    new Gauge({
      ...PLUGIN_INFO,
      labelNames: ['plugin', 'version', 'kind'],
      registers,
      collect() {
        this.reset();
        for (const { plugin, kind } of loaded) {
          const { name, version } = plugin.metadata();
          this.set({ plugin: name, version, kind }, 1);
        }
      },
    });
  }
}

/** A launched plugin's state is its supervisor's; any other plugin is running while it answers healthy. */
async function stateOf({ plugin, supervisor }: LoadedPlugin, domains: DomainRegistry): Promise<PluginState> {
  if (supervisor) return supervisor.status().state;
  const health = await domains.health(plugin.metadata().name);
  return health?.healthy ? 'running' : 'unhealthy';
}
