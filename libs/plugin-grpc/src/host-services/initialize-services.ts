import { ServiceChannelStatus, StaticServiceRegistry, UnavailableAttestations } from '@qntx/domains';
import { WireInitializeRequest } from '../protocol/protocol.types';
import { HostServicesClient } from './host-services.client';
import { RemoteServiceRegistry } from './remote-service-registry';

/** What an external plugin's services are built from at Initialize, and how to let go of them. */
export interface InitializedServices {
  services: StaticServiceRegistry | RemoteServiceRegistry;
  close(): void;
}

/**
 * The ServiceRegistry of an external plugin, from its InitializeRequest. A host that sends the
 * host-services extension gets the plugin's logging and store calls; an older host (or a test
 * client) leaves the plugin with a local logger, the config it sent, and no store.
 */
export function servicesFromInitialize(plugin: string, request: WireInitializeRequest): InitializedServices {
  const endpoint = request.host_services_endpoint ?? '';
  const token = request.host_services_token ?? '';
  if (endpoint && token) {
    const client = new HostServicesClient(endpoint, token);
    const services = new RemoteServiceRegistry(plugin, client, request.config);
    return { services, close: () => services.close() };
  }
  const services = new LocalOnlyServiceRegistry({ [plugin]: request.config });
  return { services, close: () => undefined };
}

/** Services of a plugin whose host offers no callback channel: said so in its health. */
class LocalOnlyServiceRegistry extends StaticServiceRegistry {
  override attestations(domain: string): UnavailableAttestations {
    return new UnavailableAttestations(
      domain,
      'the host sent no host-services endpoint at Initialize (an older host, or one without a store)',
    );
  }

  /** Nothing is broken: there is simply no channel (`ok` says whether what is offered works). */
  override async channel(): Promise<ServiceChannelStatus> {
    return { ok: true, detail: 'not offered by the host: local logger and the config sent at Initialize' };
  }
}
