import {
  AttestationStore,
  InMemoryAttestationStore,
  MapPluginConfig,
  PluginAttestations,
  PluginConfig,
  PluginLogger,
  ScopedAttestations,
  ServiceChannelStatus,
  ServiceEndpoint,
  ServiceRegistry,
} from '@qntx/domains';

export interface CapturedLogLine {
  domain: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/**
 * A `ServiceRegistry` for tests: log lines are captured, config is whatever the test sets, and
 * attestations go to an in-memory store (`store`) unless the test passes another.
 */
export class TestServiceRegistry implements ServiceRegistry {
  readonly logs: CapturedLogLine[] = [];
  private readonly configs = new Map<string, MapPluginConfig>();
  private remote: ((domain: string) => ServiceEndpoint | null) | null = null;

  constructor(
    settings: Record<string, Record<string, string>> = {},
    readonly store: AttestationStore = new InMemoryAttestationStore(),
  ) {
    for (const [domain, values] of Object.entries(settings)) this.configs.set(domain, new MapPluginConfig(domain, values));
  }

  logger(domain: string): PluginLogger {
    const capture =
      (level: CapturedLogLine['level']) =>
      (message: string, fields: Record<string, unknown> = {}): void => {
        this.logs.push({ domain, level, message, fields });
      };
    return { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };
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
    return new ScopedAttestations(this.store, domain);
  }

  async channel(): Promise<ServiceChannelStatus> {
    return { ok: true, detail: 'in-process' };
  }

  /** The callback endpoint handed to external plugins (the harness serves this registry over gRPC). */
  endpoint(domain: string): ServiceEndpoint | null {
    return this.remote?.(domain) ?? null;
  }

  /** Offers this registry to plugins in other processes through `endpoint` (see HostServicesServer). */
  offerRemotely(endpoint: (domain: string) => ServiceEndpoint | null): this {
    this.remote = endpoint;
    return this;
  }

  /** Sets one config value for a plugin, before or after initialize. */
  setConfig(domain: string, key: string, value: string): this {
    this.config(domain).set(key, value);
    return this;
  }

  /** The captured messages of a plugin, optionally of one level. */
  messages(domain: string, level?: CapturedLogLine['level']): string[] {
    return this.logs.filter((l) => l.domain === domain && (!level || l.level === level)).map((l) => l.message);
  }
}
