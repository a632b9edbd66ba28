import { MapPluginConfig, PluginConfig, ServiceRegistry } from '@qntx/domains';

/**
 * The host's services with one plugin's settings as they are now (am.<name>.toml read again at
 * a reload): what a new generation is initialized with. Everything else is the host's own.
 */
export function servicesWithSettings(services: ServiceRegistry, name: string, settings: Record<string, string>): ServiceRegistry {
  const config = new MapPluginConfig(name, settings);
  return {
    logger: (domain) => services.logger(domain),
    config: (domain): PluginConfig => (domain === name ? config : services.config(domain)),
    attestations: (domain) => services.attestations(domain),
    channel: (domain) => services.channel(domain),
    endpoint: (domain) => services.endpoint?.(domain) ?? null,
  };
}
