import request from 'supertest';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PluginClient } from '@qntx/plugin-grpc';
import { TestHost } from '../support/host.fixture';
import { isAlive } from '../support/process.helpers';
import { closedAddress, makeHome as makeCliHome, runQntxTraced, writePluginsToml, writeRunningHost } from '../support/cli.fixture';
import { FAST_SUPERVISION, makeHome, startHostWithConfig, supervisorOf, waitForState } from '../support/supervised-host.fixture';
import { GoExamples, buildGoExamples, describeWithGo } from './go-examples.fixture';

jest.setTimeout(60_000);

interface PluginStatus {
  state: string;
  pid: number;
  address: string;
  restarts: number;
  health: { healthy: boolean; message: string; details: Record<string, string> };
}

/**
 * The plugin of QNTX's external plugin guide, written in Go on the reference protocol
 * (examples/go-plugin: cobra commands, an http.ServeMux, map headers, --port, no handshake line).
 */
describeWithGo("QNTX's Go plugin (examples/go-plugin) launched by `binary` with handshake = false", () => {
  let go: GoExamples;
  let env: ReturnType<typeof makeHome>;
  let host: TestHost;
  let server: ReturnType<TestHost['app']['getHttpServer']>;
  let launchMs: number;
  let firstAnswer: request.Response;
  const status = async (): Promise<PluginStatus> => {
    const res = await request(server).get('/api/plugins').expect(200);
    return res.body.plugins.find((p: { name: string }) => p.name === 'myplugin');
  };

  beforeAll(async () => {
    go = await buildGoExamples();
    env = makeHome();
    writeFileSync(join(env.home, 'am.myplugin.toml'), 'greeting = "Howdy"\n');
    const started = Date.now();
    host = await startHostWithConfig(
      env.home,
      ['[[plugins]]', 'name = "myplugin"', `binary = "${go.plugin}"`, 'handshake = false', FAST_SUPERVISION].join('\n'),
    );
    server = host.app.getHttpServer();
    firstAnswer = await request(server).get('/api/myplugin/hello');
    launchMs = Date.now() - started;
  }, 300_000);

  afterAll(async () => {
    await host?.close();
    env?.cleanup();
  });

  it('is launched with --port <free loopback port> and serves its routes within 3 s', async () => {
    expect(firstAnswer.status).toBe(200);
    expect(firstAnswer.text).toBe('Hello from MyPlugin!');
    expect(launchMs).toBeLessThan(3000);
    const plugin = await status();
    expect(plugin).toMatchObject({ state: 'running', restarts: 0 });
    const port = plugin.address.match(/^127\.0\.0\.1:(\d+)$/)![1];
    const commandLine = readFileSync(`/proc/${plugin.pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine.slice(1, 3)).toEqual(['--port', port]);
  });

  it('gets a POST with its body, a repeated query parameter, and a repeated header joined as its map can hold it', async () => {
    const res = await request(server)
      .post('/api/myplugin/echo?tag=a&tag=b&q=1')
      .set('X-Multi', ['one', 'two'] as unknown as string) // two header lines; superagent's types take one value
      .set('Content-Type', 'text/plain')
      .send('hello from the host')
      .expect(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-plugin']).toBe('myplugin');
    expect(res.body).toMatchObject({
      method: 'POST',
      path: '/api/myplugin/echo',
      query: { tag: ['a', 'b'], q: ['1'] },
      body: 'hello from the host',
    });
    expect(res.body.headers['X-Multi']).toEqual(['one, two']);
  });

  it('reports its health with details in /api/plugins', async () => {
    const plugin = await status();
    expect(plugin.health).toMatchObject({ healthy: true, message: 'MyPlugin is healthy' });
    expect(plugin.health.details.greeting).toBe('Howdy');
    expect(Number(plugin.health.details.requests)).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['listed by the running host (fast path)', 'fast', writeRunningHost],
    ['configured by its address (full CLI)', 'full', writePluginsToml],
  ] as const)('runs its commands from the CLI, %s, and is never initialized twice', async (_, path, write) => {
    const before = await status();
    const cliHome = makeCliHome();
    write(cliHome, [{ name: 'myplugin', address: before.address }]);
    try {
      const long = await runQntxTraced(['myplugin', 'greet', '--name', 'Ada'], { home: cliHome });
      expect(long).toMatchObject({ path, code: 0, out: 'Howdy, Ada!\n', err: '' });
      const short = await runQntxTraced(['myplugin', 'greet', '-n', 'Bo'], { home: cliHome });
      expect(short).toMatchObject({ code: 0, out: 'Howdy, Bo!\n' });
      const failed = await runQntxTraced(['myplugin', 'fail'], { home: cliHome });
      expect(failed.code).toBe(1);
      expect(failed.out).toBe('');
      expect(failed.err).toContain('fail: this command always fails');
      const list = await runQntxTraced(['plugins', 'list'], { home: cliHome });
      expect(list.code).toBe(0);
      expect(list.out.split('\n')[1].split(/\s{2,}/)).toEqual(['myplugin', '1.0.0', 'external', 'running', before.address, 'healthy']);
    } finally {
      rmSync(cliHome, { recursive: true, force: true });
    }
    // A second Initialize would have ended it (QNTX's server panics on it), and the host restarted it.
    expect(await status()).toMatchObject({ pid: before.pid, restarts: 0, state: 'running' });
  });

  it('after kill -9 answers 503 with Retry-After, then serves again from a new process', async () => {
    const before = await status();
    process.kill(before.pid, 'SIGKILL');
    await waitForState(supervisorOf(host, 'myplugin'), ['restarting']);
    const down = await request(server).get('/api/myplugin/hello').expect(503);
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    expect(down.body).toMatchObject({ plugin: 'myplugin' });
    await waitForState(supervisorOf(host, 'myplugin'), ['running']);
    const after = await status();
    expect(after.restarts).toBe(1);
    expect(after.pid).not.toBe(before.pid);
    expect(isAlive(before.pid)).toBe(false);
    await request(server).get('/api/myplugin/hello').expect(200, 'Hello from MyPlugin!');
  });
});

describeWithGo("QNTX's Go plugin (examples/go-plugin) reached at `address`", () => {
  let go: GoExamples;
  let plugin: ChildProcess;
  let address: string;
  let env: ReturnType<typeof makeHome>;
  let host: TestHost;

  beforeAll(async () => {
    go = await buildGoExamples();
    address = await closedAddress();
    plugin = spawn(go.plugin, ['--port', address.split(':')[1]], { stdio: 'ignore' });
    await untilListening(address);
    env = makeHome();
    writeFileSync(join(env.home, 'am.myplugin.toml'), 'greeting = "Hi"\n');
    host = await startHostWithConfig(env.home, ['[[plugins]]', 'name = "myplugin"', `address = "${address}"`].join('\n'));
  }, 300_000);

  afterAll(async () => {
    await host?.close();
    plugin?.kill('SIGKILL');
    env?.cleanup();
  });

  it('is initialized once with its config and serves its routes and health', async () => {
    const server = host.app.getHttpServer();
    await request(server).get('/api/myplugin/hello').expect(200, 'Hello from MyPlugin!');
    const echo = await request(server).get('/api/myplugin/echo?x=1').set('X-Multi', ['one', 'two'] as unknown as string) // two header lines; superagent's types take one value.expect(200);
    expect(echo.body).toMatchObject({ method: 'GET', query: { x: ['1'] }, headers: { 'X-Multi': ['one, two'] } });
    const res = await request(server).get('/api/plugins').expect(200);
    const entry = res.body.plugins.find((p: { name: string }) => p.name === 'myplugin');
    expect(entry).toMatchObject({ kind: 'external', version: '1.0.0', health: { healthy: true, details: { greeting: 'Hi' } } });
    expect(plugin.exitCode).toBeNull();
  });

  it("shows the reference server's faults the host works around: path-form commands, lost header values", async () => {
    const client = new PluginClient(address, { timeoutMs: 5000 });
    try {
      const command = async (name: string, args: string[]) => (await client.executeCommand({ command: name, args, flags: {} })).stdout;
      expect(await command('myplugin', ['greet', '-n', 'Ada'])).toBe('Hi, Ada!\n');
      // cobra keeps a flag's value from one run to the next in the same process...
      expect(await command('myplugin', ['greet'])).toBe('Hi, Ada!\n');
      // ...and executes from the root with the root's arguments: the path form does not reach "greet --name Bo".
      expect(await command('myplugin greet', ['--name', 'Bo'])).not.toBe('Hi, Bo!\n');
      const unjoined = await client.handleHttp({
        method: 'GET',
        path: '/api/myplugin/echo',
        headers: [{ name: 'X-Multi', values: ['one', 'two'] }],
        body: Buffer.alloc(0),
      });
      // Read as map<string,string>, two values on the wire leave the last: why the host joins them.
      expect(JSON.parse(unjoined.body.toString()).headers['X-Multi']).toEqual(['two']);
    } finally {
      client.close();
    }
  });
});

/** Resolves once something accepts connections at `address` (the plugin prints nothing to say so). */
async function untilListening(address: string, timeoutMs = 10_000): Promise<void> {
  const [host, port] = address.split(':');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(Number(port), host, () => done(true)).on('error', () => done(false));
      socket.once('connect', () => socket.end());
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens at ${address} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
