import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainRegistry, PluginRouter, ServiceRegistry } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from './loaded-plugin.interface';
import { PluginRouteTable } from './plugin-route-table';
import { HOST_SERVICES } from './host-services.provider';

/** Registers the loaded plugins, initializes them in order and collects their routes. */
@Injectable()
export class PluginLifecycleService implements OnApplicationBootstrap {
  private readonly log = new Logger('Plugins');

  constructor(
    private readonly registry: DomainRegistry,
    private readonly routes: PluginRouteTable,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    @Inject(HOST_SERVICES) private readonly services: ServiceRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { plugin } of this.loaded) this.registry.register(plugin);
    for (const { plugin, kind, supervisor } of this.loaded) {
      const name = plugin.metadata().name;
      try {
        await this.registry.initialize(name, this.services);
      } catch (error) {
        // An external plugin that is down now may come up later; a built-in one failing is fatal.
        if (kind === 'built-in') throw error;
        this.log.warn(`Plugin "${name}" was not initialized: ${(error as Error).message}`);
      }
      await this.registerRoutes(name);
      // After each restart, a launched plugin gets its config again and its routes anew.
      supervisor?.onActivate(async () => {
        await this.registry.initialize(name, this.services);
        await this.registerRoutes(name);
      });
    }
    this.log.log(`Plugins ready: ${this.registry.names().join(', ') || '(none)'}`);
  }

  /** What `/api/plugins` shows for each plugin. */
  describe(): LoadedPlugin[] {
    return [...this.loaded].sort((a, b) => a.plugin.metadata().name.localeCompare(b.plugin.metadata().name));
  }

  private async registerRoutes(name: string): Promise<void> {
    const router = new PluginRouter(name);
    await this.registry.get(name)!.registerHttp(router);
    this.routes.set(name, router);
  }
}
