import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { PluginRouter, StaticServiceRegistry, PluginUnavailableError } from '@qntx/domains';
import { PluginFactory, RunningPlugin } from '../server/plugin-factory';
import { ExternalDomainProxy } from './external-domain-proxy';
import { PluginClient } from './plugin-client';
import { SamplePlugin, SamplePluginModule } from '../testing-fixtures/sample.plugin';
import { findCommand } from '../server/domain-service.handlers';
import { PluginNameMismatchError } from '../errors/plugin-name-mismatch.error';

/** PluginServer and ExternalDomainProxy talking over a real gRPC connection on an ephemeral port. */
describe('ExternalDomainProxy ↔ PluginServer over gRPC', () => {
  let running: RunningPlugin;
  let proxy: ExternalDomainProxy;
  const router = new PluginRouter('sample');

  beforeAll(async () => {
    running = await PluginFactory.create(SamplePluginModule, { port: 0, token: 'secret-token', logger: false });
    proxy = await ExternalDomainProxy.connect(running.address, { token: 'secret-token', expectedName: 'sample' });
    await proxy.initialize(new StaticServiceRegistry({ sample: { region: 'eu', depth: '2' } }));
    await proxy.registerHttp(router);
  });

  afterAll(async () => {
    await proxy.shutdown();
    await running.close();
  });

  const send = (method: string, path: string, query = '', body = Buffer.alloc(0), headers: Record<string, string[]> = {}) => {
    const match = router.match(method, path)!;
    return match.handler({ method, path, relativePath: '', query, headers, body, params: match.params });
  };

  it('reads the metadata the plugin declared', () => {
    expect(proxy.metadata()).toEqual({
      name: 'sample',
      version: '1.2.3',
      qntxVersion: '>= 0.1.0, < 2.0.0',
      description: 'Sample plugin',
      author: 'tests',
      license: 'MIT',
    });
  });

  it('hands the config map to the plugin at initialize', () => {
    expect(running.app.get(SamplePlugin).config).toEqual({ region: 'eu', depth: '2' });
  });

  it('reports the plugin health with its details', async () => {
    expect(await proxy.health()).toEqual({ healthy: true, message: 'sample ok', details: { items: '3' } });
  });

  it('round-trips a binary body, the query string and a repeated header, and keeps multi-value response headers', async () => {
    const body = randomBytes(64 * 1024);
    const response = await send('POST', '/api/sample/echo', 'a=1&a=2&q=%C3%A9', body, {
      'content-type': ['application/x-thing'],
      'x-multi': ['one', 'two'],
    });
    expect(response.status).toBe(201);
    expect(Buffer.compare(response.body, body)).toBe(0);
    expect(response.headers['x-query']).toEqual(['a=1&a=2&q=%C3%A9']);
    expect(response.headers['x-seen']).toEqual(['one', 'two']);
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.headers['content-type']).toEqual(['application/x-thing']);
  });

  it('routes with parameters inside the plugin and answers JSON', async () => {
    const response = await send('GET', '/api/sample/greet/grace');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ greeting: 'hello grace' });
  });

  it('turns HttpExceptions into their status and other throws into 500, not a broken call', async () => {
    expect((await send('GET', '/api/sample/missing')).status).toBe(404);
    const crash = await send('GET', '/api/sample/crash');
    expect(crash.status).toBe(500);
    expect(JSON.parse(crash.body.toString()).message).toBe('handler exploded');
    expect((await send('GET', '/api/sample/no-such-route')).status).toBe(404);
  });

  it('lists the command tree and runs a nested command remotely', async () => {
    const tree = await proxy.commands();
    const node = findCommand(tree, ['sample', 'db', 'migrate'])!;
    expect(node.flags.map((f) => f.name)).toEqual(['steps', 'dry-run', 'tag']);
    const result = await node.run!({ command: 'sample db migrate', args: ['fail'], flags: { steps: '4' } });
    expect(result).toEqual({ exitCode: 3, stdout: 'migrate fail steps=4 dry=false tags=[]\n', stderr: 'warning: sample\n' });
  });

  it('refuses calls without the launch token', async () => {
    const stranger = new PluginClient(running.address, { timeoutMs: 2000 });
    await expect(stranger.metadataCall()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    stranger.close();
  });

  it('refuses a plugin that reports another name than the configured one', async () => {
    await expect(
      ExternalDomainProxy.connect(running.address, { token: 'secret-token', expectedName: 'finance' }),
    ).rejects.toThrow(PluginNameMismatchError);
  });

  it('fails fast as unavailable when nothing listens at the address', async () => {
    const started = Date.now();
    await expect(ExternalDomainProxy.connect('127.0.0.1:1', { controlTimeoutMs: 3000 })).rejects.toThrow(
      PluginUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
