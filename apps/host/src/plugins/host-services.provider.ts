import { Provider } from '@nestjs/common';
import { StaticServiceRegistry } from '@qntx/domains';

export const HOST_SERVICES = 'QNTX:HOST_SERVICES';
/** Each plugin's settings, read from its am.<name>.toml when the host module was created. */
export const HOST_PLUGIN_SETTINGS = 'QNTX:HOST_PLUGIN_SETTINGS';

/** The ServiceRegistry handed to every plugin: named loggers and each plugin's am.<name>.toml. */
export const hostServicesProvider: Provider = {
  provide: HOST_SERVICES,
  inject: [HOST_PLUGIN_SETTINGS],
  useFactory: (settings: Record<string, Record<string, string>>) => new StaticServiceRegistry(settings),
};
