import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { DomainRegistry } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { LivePlugins } from '../plugins/live-plugins';
import { GenerationStatus } from '../plugins/plugin-generation';
import { PluginState } from '../supervisor/plugin-runtime-status';
import { renderHttpMetrics } from './http-metrics.renderer';
import { PluginHttpStats } from './plugin-http.stats';
import {
  PLUGIN_GENERATION,
  PLUGIN_GENERATION_IN_FLIGHT,
  PLUGIN_GENERATION_SOCKETS,
  PLUGIN_INFO,
  PLUGIN_REPLICA_UP,
  PLUGIN_RESTARTS,
  PLUGIN_STATE,
  WEBSOCKETS_OPEN,
  WEBSOCKETS_OPENED,
} from './metrics.constants';

const STATES: readonly PluginState[] = ['starting', 'running', 'unhealthy', 'restarting', 'failed', 'stopped'];

/**
 * The host's metrics, served by GET /metrics. Every label value is the name of a plugin the
 * host serves (never from a URL) or one of a fixed set, so the series count is bounded; a
 * plugin installed while the host runs gets its series, a removed one loses them. HTTP figures
 * are recorded by PluginRequestObserver, sockets by the gateway; plugin state, restarts,
 * versions and generations are read from the plugins when scraped.
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
    private readonly live: LivePlugins,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.socketsOpen = new Gauge({ ...WEBSOCKETS_OPEN, labelNames: ['plugin'], registers });
    this.socketsOpened = new Counter({ ...WEBSOCKETS_OPENED, labelNames: ['plugin'], registers });
    this.follow(loaded.map(({ plugin }) => plugin.metadata().name));
    live.onChange(() => this.follow(live.list().map((slot) => slot.name)));
    this.pluginGauges(registers);
    this.generationGauges(registers);
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

  /** Series for the plugins served now: new ones start at 0, removed ones are dropped. */
  private follow(names: string[]): void {
    const current = new Set(names);
    for (const plugin of current) {
      if (this.http.has(plugin)) continue;
      this.http.set(plugin, new PluginHttpStats());
      this.socketsOpen.set({ plugin }, 0);
      this.socketsOpened.inc({ plugin }, 0);
    }
    for (const plugin of [...this.http.keys()]) {
      if (current.has(plugin)) continue;
      this.http.delete(plugin);
      this.socketsOpen.remove({ plugin });
      this.socketsOpened.remove({ plugin });
    }
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

  /** Each plugin's generations (the live one, one draining, recent failed or stopped ones), read when scraped. */
  private generationGauges(registers: Registry[]): void {
    const live = this.live;
    const each = (visit: (labels: { plugin: string; generation: string }, status: GenerationStatus) => void): void => {
      for (const slot of live.list()) {
        for (const status of slot.describeGenerations()) visit({ plugin: slot.name, generation: String(status.generation) }, status);
      }
    };
    new Gauge({
      ...PLUGIN_GENERATION,
      labelNames: ['plugin', 'generation', 'version', 'state'],
      registers,
      collect() {
        this.reset();
        each((labels, status) => this.set({ ...labels, version: status.version, state: status.state }, 1));
      },
    });
    new Gauge({
      ...PLUGIN_GENERATION_IN_FLIGHT,
      labelNames: ['plugin', 'generation'],
      registers,
      collect() {
        this.reset();
        each((labels, status) => this.set(labels, status.inFlight));
      },
    });
    new Gauge({
      ...PLUGIN_REPLICA_UP,
      labelNames: ['plugin', 'replica'],
      registers,
      collect() {
        this.reset();
        for (const slot of live.list()) {
          for (const status of slot.live.loaded.replicas?.describe() ?? []) {
            this.set({ plugin: slot.name, replica: String(status.replica) }, status.up ? 1 : 0);
          }
        }
      },
    });
    new Gauge({
      ...PLUGIN_GENERATION_SOCKETS,
      labelNames: ['plugin', 'generation'],
      registers,
      collect() {
        this.reset();
        each((labels, status) => this.set(labels, status.sockets));
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
