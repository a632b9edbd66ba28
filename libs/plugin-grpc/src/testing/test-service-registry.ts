import { MapPluginConfig, PluginConfig, PluginLogger, ServiceRegistry } from '@qntx/domains';

export interface CapturedLogLine {
  domain: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A `ServiceRegistry` for tests: log lines are captured, config is whatever the test sets. */
export class TestServiceRegistry implements ServiceRegistry {
  readonly logs: CapturedLogLine[] = [];
  private readonly configs = new Map<string, MapPluginConfig>();

  constructor(settings: Record<string, Record<string, string>> = {}) {
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
