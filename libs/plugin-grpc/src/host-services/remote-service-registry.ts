import {
  MapPluginConfig,
  NestPluginLogger,
  PluginAttestations,
  PluginConfig,
  PluginLogger,
  ServiceChannelStatus,
  ServiceRegistry,
} from '@qntx/domains';
import { HostServicesClient } from './host-services.client';
import { RemoteAttestations } from './remote-attestations';
import { RemotePluginLogger } from './remote-plugin-logger';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The ServiceRegistry of an external plugin whose host offers callback services: the same API
 * a built-in plugin gets, each service a call back to the host. The config is the one the host
 * sent in InitializeRequest (GetConfig returns the same map, for plugins in other languages).
 */
export class RemoteServiceRegistry implements ServiceRegistry {
  private readonly configValues: PluginConfig;
  private readonly attestationsView: PluginAttestations;

  constructor(
    private readonly plugin: string,
    private readonly client: HostServicesClient,
    config: Record<string, string>,
  ) {
    this.configValues = new MapPluginConfig(plugin, config);
    this.attestationsView = new RemoteAttestations(client);
  }

  logger(domain: string): PluginLogger {
    return new RemotePluginLogger(this.client, new NestPluginLogger(domain));
  }

  /** Only the plugin's own config: the host would refuse to give another's anyway. */
  config(domain: string): PluginConfig {
    return domain === this.plugin ? this.configValues : new MapPluginConfig(domain);
  }

  attestations(): PluginAttestations {
    return this.attestationsView;
  }

  /** Asks the host for the plugin's config: proves the channel and the token, without the store. */
  async channel(): Promise<ServiceChannelStatus> {
    const started = Date.now();
    try {
      await this.client.getConfig(PROBE_TIMEOUT_MS);
      return { ok: true, detail: `host-services at ${this.client.address} (${Date.now() - started} ms)` };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): void {
    this.client.close();
  }
}
