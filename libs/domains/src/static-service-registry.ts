import { PluginConfig, PluginLogger, ServiceRegistry } from './service-registry.interface';
import { MapPluginConfig } from './plugin-config';
import { NestPluginLogger } from './nest-plugin-logger';

/** A ServiceRegistry over fixed per-plugin settings: what the host hands to plugins. */
export class StaticServiceRegistry implements ServiceRegistry {
  private readonly configs = new Map<string, PluginConfig>();

  constructor(
    settings: Record<string, Record<string, string>> = {},
    private readonly makeLogger: (domain: string) => PluginLogger = (domain) => new NestPluginLogger(domain),
  ) {
    for (const [domain, values] of Object.entries(settings)) {
      this.configs.set(domain, new MapPluginConfig(domain, values));
    }
  }

  logger(domain: string): PluginLogger {
    return this.makeLogger(domain);
  }

  config(domain: string): PluginConfig {
    let config = this.configs.get(domain);
    if (!config) {
      config = new MapPluginConfig(domain);
      this.configs.set(domain, config);
    }
    return config;
  }
}
