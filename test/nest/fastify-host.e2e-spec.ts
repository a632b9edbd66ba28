import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { EventStreamReader } from '../support/event-stream.reader';
import { openSocket } from '../support/websocket-client';

/**
 * The built host on @nestjs/platform-fastify (`--http-adapter fastify` / QNTX_HTTP_ADAPTER),
 * launching the code plugin: every host endpoint and the plugin's routes and sockets answer as
 * they do on Express.
 */
describe('the host on Fastify (QNTX_HTTP_ADAPTER=fastify)', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess | undefined;
  let url: string;

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    writeFileSync(join(env.home, 'am.plugins.toml'), `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    writeFileSync(join(env.home, 'am.code.toml'), `workspace_root = "${env.workspace}"\ndev_mode = true\n`);
    host = spawnHost(env.home, { QNTX_HTTP_ADAPTER: 'fastify' });
    await hostListening(host);
    url = host.readRuntimeFile().url;
  });

  afterAll(async () => {
    await stopHost(host);
    env.cleanup();
  });

  it("serves the plugin's routes, streaming bodies of any type both ways", async () => {
    const file = await fetch(`${url}/api/code/files/hello.txt`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('hello\n');
    const bytes = Buffer.alloc(256 * 1024, 7);
    const put = await fetch(`${url}/api/code/files/blob.bin`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(put.status).toBe(201);
    // The host's own app has no JSON parser: a JSON body reaches the plugin byte for byte.
    const spaced = '{ "spaced" :  true }';
    expect((await fetch(`${url}/api/code/files/spaced.json`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: spaced })).status).toBe(201);
    expect(await (await fetch(`${url}/api/code/files/spaced.json`)).text()).toBe(spaced);
    expect(Buffer.from(await (await fetch(`${url}/api/code/files/blob.bin`)).arrayBuffer()).equals(bytes)).toBe(true);
    const missing = await fetch(`${url}/api/nope/x`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'Not Found', plugin: 'nope' });
  });

  it('answers the host endpoints: plugins, 405 with Allow, metrics, the status page and its events', async () => {
    const list = (await (await fetch(`${url}/api/plugins`)).json()) as { plugins: { name: string }[] };
    expect(list.plugins.map((plugin) => plugin.name)).toContain('code');
    const wrongMethod = await fetch(`${url}/api/plugins/code/restart`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toContain('qntx_http_requests_total{plugin="code"');
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const events = await fetch(`${url}/api/plugins/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const first = await new EventStreamReader(events).next((event) => event.event === 'status');
    expect(first.data).toMatchObject({ name: 'code', state: 'running' });
  });

  it("opens the plugin's WebSockets", async () => {
    const socket = await openSocket(`${url.replace('http', 'ws')}/ws/code/watch`);
    socket.ws.close(1000);
    expect((await socket.closed).code).toBe(1000);
  });
});
