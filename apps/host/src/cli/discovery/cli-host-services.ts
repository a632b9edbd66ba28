import { Inject, Injectable } from '@nestjs/common';
import { PluginConfig, ServiceRegistry, StaticServiceRegistry } from '@qntx/domains';
import { HostServicesServer } from '@qntx/plugin-grpc';
import { loadPluginSettings } from '@qntx/host/config/plugin-settings.loader';
import { SqliteAttestationStore } from '@qntx/host/attestations/sqlite-attestation-store';
import { LazyAttestationStore } from '@qntx/host/attestations/lazy-attestation-store';
import { attestationsFile } from '@qntx/host/attestations/attestations-file';
import { CLI_OPTIONS } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';

/**
 * What the CLI offers the plugins it initializes itself (no host runs them): the same services
 * a host offers (am.<name>.toml, logging, the attestation store in $QNTX_HOME), with the
 * host-services callback server on a loopback port for the external ones, for this run only.
 * A plugin a running host supervises keeps its host's services instead.
 */
@Injectable()
export class CliHostServices {
  private started: { registry: ServiceRegistry; server: HostServicesServer; store: LazyAttestationStore } | null = null;

  constructor(@Inject(CLI_OPTIONS) private readonly options: CliOptions) {}

  async registry(): Promise<ServiceRegistry> {
    if (this.started) return this.started.registry;
    const home = this.options.home;
    const store = new LazyAttestationStore(() => new SqliteAttestationStore(attestationsFile(home)));
    let server: HostServicesServer | null = null;
    const registry = new HomeServiceRegistry(home, { store, endpoint: (plugin) => server?.endpointFor(plugin) ?? null });
    server = new HostServicesServer(registry);
    await server.listen('127.0.0.1:0');
    this.started = { registry, server, store };
    return registry;
  }

  /** After the plugins have been stopped. */
  async close(): Promise<void> {
    const started = this.started;
    this.started = null;
    if (!started) return;
    await started.server.close(500);
    await started.store.close();
  }
}

/** Settings read from $QNTX_HOME/am.<name>.toml the first time a plugin's config is asked for. */
class HomeServiceRegistry extends StaticServiceRegistry {
  private readonly loaded = new Set<string>();

  constructor(
    private readonly home: string,
    options: ConstructorParameters<typeof StaticServiceRegistry>[1],
  ) {
    super({}, options);
  }

  override config(domain: string): PluginConfig {
    const config = super.config(domain);
    if (!this.loaded.has(domain)) {
      this.loaded.add(domain);
      for (const [key, value] of Object.entries(loadPluginSettings(this.home, domain))) config.set(key, value);
    }
    return config;
  }
}
