import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DomainsModule } from '@qntx/domains';
import { HOST_OPTIONS, HOST_VERSION, LOADED_PLUGINS } from './host.constants';
import { HostOptions } from './host-options.interface';
import { loadPluginEntries } from './config/plugins-config.loader';
import { connectExternalPlugins } from './plugins/plugin-connector';
import { LoadedPlugin } from './plugins/loaded-plugin.interface';
import { PluginLifecycleService } from './plugins/plugin-lifecycle.service';
import { PluginRouteTable } from './plugins/plugin-route-table';
import { hostServicesProvider } from './plugins/host-services.provider';
import { PluginHttpBridge } from './http/plugin-http.bridge';
import { pluginHttpLimitsProvider } from './http/plugin-http-limits';
import { createPluginController } from './http/plugin-controller.factory';
import { PluginsStatusController } from './http/plugins-status.controller';
import { ApiNotFoundFilter } from './http/api-not-found.filter';

@Module({})
export class HostModule {
  /**
   * Loads the configured plugins first, then builds the module: each plugin's controller is
   * generated from its name, so the plugins must be known before Nest compiles the module.
   */
  static async create(options: HostOptions): Promise<DynamicModule> {
    const entries = options.plugins ?? loadPluginEntries(options.home);
    const external = await connectExternalPlugins(entries, options.maxBodyBytes);
    const builtin: LoadedPlugin[] = (options.builtins ?? []).map((plugin) => ({ plugin, kind: 'built-in' }));
    const loaded = [...builtin, ...external];
    return {
      module: HostModule,
      imports: [DomainsModule.forRoot({ hostVersion: HOST_VERSION })],
      controllers: [
        PluginsStatusController,
        ...loaded.map(({ plugin }) => createPluginController(plugin.metadata().name)),
      ],
      providers: [
        { provide: HOST_OPTIONS, useValue: options },
        { provide: LOADED_PLUGINS, useValue: loaded },
        { provide: APP_FILTER, useClass: ApiNotFoundFilter },
        hostServicesProvider,
        PluginRouteTable,
        PluginHttpBridge,
        pluginHttpLimitsProvider(entries),
        PluginLifecycleService,
      ],
    };
  }
}
