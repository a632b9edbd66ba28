import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AttestationStore, StaticServiceRegistry } from '@qntx/domains';
import { HostServicesServer } from '@qntx/plugin-grpc';
import { HOST_OPTIONS, LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { tailedPluginLoggers } from './tailed-plugin.logger';
import { HostOptions } from '../host-options.interface';
import { ATTESTATION_STORE, HOST_PLUGIN_SETTINGS } from './host-services.constants';

/**
 * The host's services for plugins: one ServiceRegistry (named loggers, each plugin's
 * am.<name>.toml, the attestation store) that built-in plugins use directly and external ones
 * reach over the host-services gRPC server on a loopback port. The server starts when the module
 * initializes, before any plugin is initialized; each plugin's token is handed out through
 * `registry.endpoint(name)` when its adapter sends Initialize.
 */
@Injectable()
export class HostServicesEndpoint implements OnModuleInit, OnApplicationShutdown {
  readonly registry: StaticServiceRegistry;
  private readonly log = new Logger('HostServices');
  private readonly server: HostServicesServer;

  constructor(
    @Inject(HOST_PLUGIN_SETTINGS) settings: Record<string, Record<string, string>>,
    @Inject(ATTESTATION_STORE) private readonly store: AttestationStore,
    @Inject(HOST_OPTIONS) private readonly options: HostOptions,
    @Inject(LOADED_PLUGINS) loaded: LoadedPlugin[],
  ) {
    this.registry = new StaticServiceRegistry(settings, {
      store,
      endpoint: (plugin) => this.server.endpointFor(plugin),
      logger: tailedPluginLoggers(loaded),
    });
    this.server = new HostServicesServer(this.registry);
  }

  get address(): string | null {
    return this.server.address;
  }

  async onModuleInit(): Promise<void> {
    const address = await this.server.listen('127.0.0.1:0');
    this.log.log(`Host services for plugins on ${address}`);
  }

  /** After the plugins have shut down (DomainsModule's hook runs first), so their last writes land. */
  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
    if (!this.options.attestationStore) await this.store.close();
  }
}
