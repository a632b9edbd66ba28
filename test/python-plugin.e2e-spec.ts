import request from 'supertest';
import * as grpc from '@grpc/grpc-js';
import { DomainRegistry } from '@qntx/domains';
import { PluginClient } from '@qntx/plugin-grpc';
import { findCommand } from '@qntx/plugin-grpc/server/domain-service.handlers';
import { PythonPlugin, pythonGrpcMissing, startPythonPlugin } from './support/python-plugin.fixture';
import { startTestHost, TestHost } from './support/host.fixture';

const missing = pythonGrpcMissing();
if (missing) {
  // Jest shows skipped tests only as counts; say once, loudly, why these are skipped.
  console.warn(`Skipping the Python plugin e2e tests: ${missing}`);
}
const describeWithPython = missing ? describe.skip : describe;

/** The "any gRPC language" promise: a plugin in Python, from the same proto, behind the host. */
describeWithPython('the Python example plugin behind the host', () => {
  let plugin: PythonPlugin;
  let host: TestHost;

  beforeAll(async () => {
    plugin = await startPythonPlugin();
    // TODO(supervisor branch): let the host auto-start the plugin from its launcher instead.
    host = await startTestHost({
      plugins: [{ name: 'pyexample', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
      pluginSettings: { pyexample: { greeting: 'Howdy' } },
    });
  });

  afterAll(async () => {
    await host?.close();
    await plugin?.stop();
  });

  it('announces itself with the handshake line on a loopback port', () => {
    expect(plugin.handshakeLine).toMatch(/^QNTX_PLUGIN\|1\|1\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
  });

  it('serves its route through the host, with the config it was initialized with', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/pyexample/hello?name=Ada').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ greeting: 'Howdy, Ada!', plugin: 'pyexample' });
  });

  it('answers 404 JSON naming the plugin for a route it does not have', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/pyexample/nope').expect(404);
    expect(res.body).toMatchObject({ error: 'Not Found', plugin: 'pyexample' });
  });

  it('is listed by /api/plugins as a running external plugin with its metadata and health', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
    const entry = res.body.plugins.find((p: { name: string }) => p.name === 'pyexample');
    expect(entry).toMatchObject({ name: 'pyexample', version: '0.1.0', kind: 'external', state: 'running' });
    expect(entry.health).toMatchObject({ healthy: true, message: 'pyexample ok' });
    expect(entry.health.details.initialized).toBe('true');
  });

  it('runs its command through ExternalDomainProxy, honouring the bool flag', async () => {
    const proxy = host.app.get(DomainRegistry).get('pyexample')!;
    const tree = await proxy.commands();
    const hello = findCommand(tree, ['pyexample', 'hello']);
    expect(hello?.name).toBe('hello <name>');
    expect(hello?.flags.map((flag) => [flag.name, flag.type])).toEqual([['shout', 'bool']]);

    const plain = await hello!.run!({ command: 'pyexample hello', args: ['Ada'], flags: {} });
    expect(plain).toEqual({ exitCode: 0, stdout: 'Howdy, Ada!\n', stderr: '' });
    const shouted = await hello!.run!({ command: 'pyexample hello', args: ['Ada'], flags: { shout: 'true' } });
    expect(shouted.stdout).toBe('HOWDY, ADA!\n');
    const usage = await hello!.run!({ command: 'pyexample hello', args: [], flags: {} });
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/usage: pyexample hello <name>/);
  });
});

describeWithPython('the Python example plugin launch contract', () => {
  it('refuses calls without the per-launch token and accepts them with it', async () => {
    const plugin = await startPythonPlugin({ token: 'launch-secret' });
    const anonymous = new PluginClient(plugin.address, { timeoutMs: 5000 });
    const trusted = new PluginClient(plugin.address, { token: 'launch-secret', timeoutMs: 5000 });
    try {
      await expect(anonymous.metadataCall()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      expect((await trusted.metadataCall()).name).toBe('pyexample');
    } finally {
      anonymous.close();
      trusted.close();
      await plugin.stop();
    }
  });

  it('exits with status 0 when its stdin (the host liveness pipe) closes', async () => {
    const plugin = await startPythonPlugin();
    const started = Date.now();
    expect(await plugin.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(plugin.stderr()).toMatch(/stopping \(host went away\)/);
  });
});
