import { Provider } from '@nestjs/common';
import { HostServicesEndpoint } from '../host-services/host-services.endpoint';
import { HOST_PLUGIN_SETTINGS, HOST_SERVICES } from '../host-services/host-services.constants';

export { HOST_PLUGIN_SETTINGS, HOST_SERVICES };

/**
 * The ServiceRegistry handed to every plugin: named loggers, each plugin's am.<name>.toml and
 * the attestation store, plus the callback endpoint for external plugins (host-services.endpoint.ts).
 */
export const hostServicesProvider: Provider = {
  provide: HOST_SERVICES,
  inject: [HostServicesEndpoint],
  useFactory: (endpoint: HostServicesEndpoint) => endpoint.registry,
};
