import { Provider } from '@nestjs/common';
import { HostServicesEndpoint } from '../host-services/host-services.endpoint';

export const HOST_SERVICES = 'QNTX:HOST_SERVICES';
/** Each plugin's settings, read from its am.<name>.toml when the host module was created. */
export const HOST_PLUGIN_SETTINGS = 'QNTX:HOST_PLUGIN_SETTINGS';

/**
 * The ServiceRegistry handed to every plugin: named loggers, each plugin's am.<name>.toml and
 * the attestation store, plus the callback endpoint for external plugins (host-services.endpoint.ts).
 */
export const hostServicesProvider: Provider = {
  provide: HOST_SERVICES,
  inject: [HostServicesEndpoint],
  useFactory: (endpoint: HostServicesEndpoint) => endpoint.registry,
};
