import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DomainPlugin, HealthStatus } from './domain-plugin.interface';
import { ServiceRegistry } from './service-registry.interface';
import { DomainsModuleOptions } from './domains-options.interface';
import { DEFAULT_HEALTH_TIMEOUT_MS, DOMAINS_MODULE_OPTIONS } from './domains.constants';
import { checkRegistrable } from './plugin-registration.rules';
import { DuplicatePluginError } from './errors/duplicate-plugin.error';
import { messageOf, PluginInitializeError, PluginShutdownError } from './errors/plugin-lifecycle.error';

export type PluginLifecycleState = 'registered' | 'initialized' | 'failed' | 'stopped';

/** Every domain plugin of the host, built-in or external, behind the one interface. */
@Injectable()
export class DomainRegistry implements OnApplicationShutdown {
  private readonly plugins = new Map<string, DomainPlugin>();
  private readonly states = new Map<string, PluginLifecycleState>();
  private readonly log = new Logger('DomainRegistry');

  constructor(@Inject(DOMAINS_MODULE_OPTIONS) private readonly options: DomainsModuleOptions) {}

  get hostVersion(): string {
    return this.options.hostVersion;
  }

  register(plugin: DomainPlugin): void {
    const { name } = plugin.metadata();
    // A registered name is a valid one, so checking for a duplicate first changes no outcome.
    if (this.plugins.has(name)) throw new DuplicatePluginError(name);
    checkRegistrable(plugin.metadata(), this.options.hostVersion);
    this.plugins.set(name, plugin);
    this.states.set(name, 'registered');
  }

  /** Removes a plugin without shutting it down (the caller owns that). */
  unregister(name: string): boolean {
    this.states.delete(name);
    return this.plugins.delete(name);
  }

  get(name: string): DomainPlugin | undefined {
    return this.plugins.get(name);
  }

  has(name: string): boolean {
    return this.plugins.has(name);
  }

  /** Every plugin, sorted by name. */
  list(): DomainPlugin[] {
    return this.names().map((name) => this.plugins.get(name) as DomainPlugin);
  }

  names(): string[] {
    return [...this.plugins.keys()].sort();
  }

  state(name: string): PluginLifecycleState | undefined {
    return this.states.get(name);
  }

  /** Initializes every plugin in name order; the first failure stops the rest and is thrown. */
  async initializeAll(services: ServiceRegistry): Promise<void> {
    for (const name of this.names()) {
      if (this.states.get(name) !== 'initialized') await this.initialize(name, services);
    }
  }

  /** Initializes one plugin (again, after a restart); a failure names the plugin. */
  async initialize(name: string, services: ServiceRegistry): Promise<void> {
    const plugin = this.plugins.get(name);
    if (!plugin) throw new Error(`No plugin named "${name}" is registered.`);
    try {
      await plugin.initialize(services);
      this.states.set(name, 'initialized');
    } catch (error) {
      this.states.set(name, 'failed');
      throw new PluginInitializeError(name, error);
    }
  }

  /** Shuts plugins down in reverse name order, going on past failures and reporting them all. */
  async shutdownAll(): Promise<void> {
    const failures: { plugin: string; error: unknown }[] = [];
    for (const name of this.names().reverse()) {
      if (this.states.get(name) === 'stopped') continue;
      try {
        await this.plugins.get(name)!.shutdown();
      } catch (error) {
        failures.push({ plugin: name, error });
      }
      this.states.set(name, 'stopped');
    }
    if (failures.length > 0) throw new PluginShutdownError(failures);
  }

  /** Health of every plugin, checked concurrently; a check past the timeout counts as unhealthy. */
  async healthAll(): Promise<Record<string, HealthStatus>> {
    const timeoutMs = this.options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
    const names = this.names();
    const statuses = await Promise.all(names.map((name) => this.checkHealth(name, timeoutMs)));
    return Object.fromEntries(names.map((name, i) => [name, statuses[i]]));
  }

  async health(name: string): Promise<HealthStatus | undefined> {
    if (!this.plugins.has(name)) return undefined;
    return this.checkHealth(name, this.options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
  }

  /** At host exit, every plugin is shut down; failures are logged, not thrown, so exit goes on. */
  async onApplicationShutdown(): Promise<void> {
    try {
      await this.shutdownAll();
    } catch (error) {
      this.log.warn(messageOf(error));
    }
  }

  private async checkHealth(name: string, timeoutMs: number): Promise<HealthStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthStatus>((resolve) => {
      timer = setTimeout(
        () => resolve({ healthy: false, message: `health check timed out after ${timeoutMs} ms`, details: {} }),
        timeoutMs,
      );
    });
    try {
      const check = this.plugins
        .get(name)!
        .health()
        .catch((error: unknown) => ({ healthy: false, message: messageOf(error), details: {} }));
      return await Promise.race([check, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
