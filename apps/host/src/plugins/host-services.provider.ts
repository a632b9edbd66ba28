import { Provider } from '@nestjs/common';
import { StaticServiceRegistry } from '@qntx/domains';
import { loadPluginSettings } from '../config/plugin-settings.loader';
import { HOST_OPTIONS, LOADED_PLUGINS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { LoadedPlugin } from './loaded-plugin.interface';

export const HOST_SERVICES = 'QNTX:HOST_SERVICES';

/** The ServiceRegistry handed to every plugin: named loggers and each plugin's am.<name>.toml. */
export const hostServicesProvider: Provider = {
  provide: HOST_SERVICES,
  inject: [HOST_OPTIONS, LOADED_PLUGINS],
  useFactory: (options: HostOptions, loaded: LoadedPlugin[]) => {
    const settings: Record<string, Record<string, string>> = {};
    for (const { plugin } of loaded) {
      const name = plugin.metadata().name;
      settings[name] = { ...loadPluginSettings(options.home, name), ...(options.pluginSettings?.[name] ?? {}) };
    }
    return new StaticServiceRegistry(settings);
  },
};
