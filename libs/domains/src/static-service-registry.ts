import { AttestationStore } from './attestation-store.interface';
import {
  PluginAttestations,
  PluginConfig,
  PluginLogger,
  ServiceChannelStatus,
  ServiceEndpoint,
  ServiceRegistry,
} from './service-registry.interface';
import { MapPluginConfig } from './plugin-config';
import { NestPluginLogger } from './nest-plugin-logger';
import { ScopedAttestations } from './scoped-attestations';
import { UnavailableAttestations } from './unavailable-attestations';

export interface StaticServiceOptions {
  /** Makes each plugin's logger; a Nest `Logger` named after the plugin by default. */
  logger?: (domain: string) => PluginLogger;
  /** The attestation store; without one, `attestations()` fails with a message saying so. */
  store?: AttestationStore;
  /** The callback endpoint handed to plugins in other processes (see ServiceRegistry.endpoint). */
  endpoint?: (domain: string) => ServiceEndpoint | null;
}

/** A ServiceRegistry over fixed per-plugin settings, in the caller's process: what the host hands to plugins. */
export class StaticServiceRegistry implements ServiceRegistry {
  private readonly configs = new Map<string, PluginConfig>();

  private readonly options: StaticServiceOptions;

  /** `options` may also be just the logger factory (the original second argument). */
  constructor(
    settings: Record<string, Record<string, string>> = {},
    options: StaticServiceOptions | ((domain: string) => PluginLogger) = {},
  ) {
    this.options = typeof options === 'function' ? { logger: options } : options;
    for (const [domain, values] of Object.entries(settings)) {
      this.configs.set(domain, new MapPluginConfig(domain, values));
    }
  }

  logger(domain: string): PluginLogger {
    return this.options.logger ? this.options.logger(domain) : new NestPluginLogger(domain);
  }

  config(domain: string): PluginConfig {
    let config = this.configs.get(domain);
    if (!config) {
      config = new MapPluginConfig(domain);
      this.configs.set(domain, config);
    }
    return config;
  }

  attestations(domain: string): PluginAttestations {
    const { store } = this.options;
    return store ? new ScopedAttestations(store, domain) : new UnavailableAttestations(domain, 'this process was given no store');
  }

  async channel(): Promise<ServiceChannelStatus> {
    return { ok: true, detail: 'in-process' };
  }

  endpoint(domain: string): ServiceEndpoint | null {
    return this.options.endpoint?.(domain) ?? null;
  }
}
