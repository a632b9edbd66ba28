import { DomainPlugin, HealthStatus, Metadata } from './domain-plugin.interface';
import { DomainRegistry } from './domain-registry';
import { ServiceRegistry } from './service-registry.interface';
import { StaticServiceRegistry } from './static-service-registry';
import { DuplicatePluginError } from './errors/duplicate-plugin.error';
import { IncompatiblePluginError } from './errors/incompatible-plugin.error';
import { InvalidVersionRangeError } from './errors/invalid-version-range.error';
import { InvalidPluginNameError } from './errors/invalid-plugin-name.error';
import { PluginInitializeError, PluginShutdownError } from './errors/plugin-lifecycle.error';

/** A plain in-memory DomainPlugin whose behaviour each test chooses. */
class FakePlugin implements DomainPlugin {
  constructor(
    private readonly meta: Partial<Metadata> & { name: string },
    private readonly behaviour: {
      initialize?: () => Promise<void>;
      shutdown?: () => Promise<void>;
      health?: () => Promise<HealthStatus>;
      log?: string[];
    } = {},
  ) {}
  metadata(): Metadata {
    return { version: '1.0.0', qntxVersion: '', description: '', author: '', license: '', ...this.meta };
  }
  async initialize(_services: ServiceRegistry): Promise<void> {
    this.behaviour.log?.push(`init ${this.meta.name}`);
    await this.behaviour.initialize?.();
  }
  async shutdown(): Promise<void> {
    this.behaviour.log?.push(`shutdown ${this.meta.name}`);
    await this.behaviour.shutdown?.();
  }
  async commands() {
    return [];
  }
  async registerHttp(): Promise<void> {}
  async registerWebSocket() {
    return {};
  }
  async health(): Promise<HealthStatus> {
    return this.behaviour.health ? this.behaviour.health() : { healthy: true, message: 'ok', details: {} };
  }
}

const registry = (healthTimeoutMs = 200) => new DomainRegistry({ hostVersion: '0.1.0', healthTimeoutMs });
const services = new StaticServiceRegistry();

describe('DomainRegistry.register', () => {
  it('rejects a second plugin with the same name, naming it', () => {
    const r = registry();
    r.register(new FakePlugin({ name: 'code' }));
    expect(() => r.register(new FakePlugin({ name: 'code' }))).toThrow(DuplicatePluginError);
    expect(() => r.register(new FakePlugin({ name: 'code' }))).toThrow(/"code" is already registered/);
  });

  it('accepts an empty version range', () => {
    const r = registry();
    r.register(new FakePlugin({ name: 'a', qntxVersion: '' }));
    expect(r.has('a')).toBe(true);
  });

  it.each(['>= 0.1.0, < 2.0.0', '>= 0.1.0', '>=0.1.0 <1', '^0.1.0', '0.x', '>= 0.0.1, < 0.2.0 || >= 5.0.0'])(
    'accepts the range "%s" for host 0.1.0',
    (range) => {
      const r = registry();
      r.register(new FakePlugin({ name: 'a', qntxVersion: range }));
      expect(r.has('a')).toBe(true);
    },
  );

  it.each(['>= 1.0.0, < 2.0.0', '^1.2.0', '< 0.1.0'])('rejects the unsatisfied range "%s" with plugin, range and host version', (range) => {
    const r = registry();
    const attempt = () => r.register(new FakePlugin({ name: 'finance', qntxVersion: range }));
    expect(attempt).toThrow(IncompatiblePluginError);
    expect(attempt).toThrow(new RegExp(`"finance".*"${range.replace(/[.^<>=|,]/g, '.')}".*0\\.1\\.0`));
  });

  it('rejects an invalid range as invalid, not as incompatible', () => {
    expect(() => registry().register(new FakePlugin({ name: 'a', qntxVersion: 'banana' }))).toThrow(
      InvalidVersionRangeError,
    );
  });

  it.each(['plugins', 'Bad Name', '', '../x'])('rejects the plugin name "%s"', (name) => {
    expect(() => registry().register(new FakePlugin({ name }))).toThrow(InvalidPluginNameError);
  });
});

describe('DomainRegistry lookups', () => {
  it('lists plugins sorted by name and gets them by name', () => {
    const r = registry();
    for (const name of ['zeta', 'alpha', 'mid']) r.register(new FakePlugin({ name }));
    expect(r.list().map((p) => p.metadata().name)).toEqual(['alpha', 'mid', 'zeta']);
    expect(r.get('mid')?.metadata().name).toBe('mid');
    expect(r.get('nope')).toBeUndefined();
  });
});

describe('DomainRegistry lifecycle', () => {
  it('initializes in name order and shuts down in reverse order', async () => {
    const log: string[] = [];
    const r = registry();
    for (const name of ['b', 'c', 'a']) r.register(new FakePlugin({ name }, { log }));
    await r.initializeAll(services);
    await r.shutdownAll();
    expect(log).toEqual(['init a', 'init b', 'init c', 'shutdown c', 'shutdown b', 'shutdown a']);
    expect(r.state('a')).toBe('stopped');
  });

  it('stops at the first failing initialize and names that plugin', async () => {
    const log: string[] = [];
    const r = registry();
    r.register(new FakePlugin({ name: 'a' }, { log }));
    r.register(new FakePlugin({ name: 'b' }, { log, initialize: async () => Promise.reject(new Error('no database')) }));
    r.register(new FakePlugin({ name: 'c' }, { log }));
    const attempt = r.initializeAll(services);
    await expect(attempt).rejects.toThrow(PluginInitializeError);
    await expect(r.initializeAll(services)).rejects.toThrow('Plugin "b" failed to initialize: no database');
    expect(log).not.toContain('init c');
    expect(r.state('b')).toBe('failed');
  });

  it('goes on shutting down past failures and reports every one', async () => {
    const log: string[] = [];
    const r = registry();
    r.register(new FakePlugin({ name: 'a' }, { log, shutdown: async () => Promise.reject(new Error('disk gone')) }));
    r.register(new FakePlugin({ name: 'b' }, { log }));
    r.register(new FakePlugin({ name: 'c' }, { log, shutdown: async () => Promise.reject(new Error('socket stuck')) }));
    const error = await r.shutdownAll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginShutdownError);
    expect((error as PluginShutdownError).failures.map((f) => f.plugin)).toEqual(['c', 'a']);
    expect((error as Error).message).toMatch(/"c": socket stuck.*"a": disk gone/);
    expect(log).toEqual(['shutdown c', 'shutdown b', 'shutdown a']);
  });
});

describe('DomainRegistry.healthAll', () => {
  it('reports a hung plugin as unhealthy after the timeout without stalling the others', async () => {
    const r = registry(150);
    r.register(new FakePlugin({ name: 'hung' }, { health: () => new Promise(() => undefined) }));
    r.register(new FakePlugin({ name: 'fine' }));
    r.register(
      new FakePlugin({ name: 'broken' }, { health: async () => Promise.reject(new Error('cannot reach db')) }),
    );
    const started = Date.now();
    const report = await r.healthAll();
    const elapsed = Date.now() - started;
    expect(report.fine.healthy).toBe(true);
    expect(report.hung).toMatchObject({ healthy: false, message: expect.stringMatching(/timed out after 150 ms/) });
    expect(report.broken).toMatchObject({ healthy: false, message: 'cannot reach db' });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it('runs the checks concurrently', async () => {
    const r = registry(2000);
    const slow = () => new Promise<HealthStatus>((resolve) => setTimeout(() => resolve({ healthy: true, message: '', details: {} }), 200));
    for (const name of ['a', 'b', 'c', 'd']) r.register(new FakePlugin({ name }, { health: slow }));
    const started = Date.now();
    await r.healthAll();
    expect(Date.now() - started).toBeLessThan(700);
  });
});
