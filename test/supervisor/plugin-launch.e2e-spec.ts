import request from 'supertest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt, FIXTURES, isAlive } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome, startHostWithConfig, supervisorOf } from '../support/supervised-host.fixture';
import { TestHost } from '../support/host.fixture';

describe('launching a plugin from am.plugins.toml', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost | undefined;

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.close();
    host = undefined;
    env.cleanup();
  });

  it('runs an installed plugin (a Node script with a shebang in $QNTX_HOME/plugins), learns its address from the handshake and serves its routes', async () => {
    const launcher = join(env.home, 'plugins', 'qntx-code');
    writeFileSync(launcher, `#!/usr/bin/env node\nrequire(${JSON.stringify(CODE_PLUGIN_MAIN)});\n`);
    chmodSync(launcher, 0o755);
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "code"\nbinary = "qntx-code"\n${FAST_SUPERVISION}\n`);
    const server = host.app.getHttpServer();

    const tree = await request(server).get('/api/code').expect(200);
    expect(tree.body.root).toBe(env.workspace); // am.code.toml reached the plugin at Initialize
    await request(server).get('/api/code/files/hello.txt').expect(200, 'hello\n');

    const { body } = await request(server).get('/api/plugins').expect(200);
    const code = body.plugins.find((p: { name: string }) => p.name === 'code');
    expect(code).toMatchObject({ kind: 'external', state: 'running', restarts: 0, lastError: null, lifecycle: 'initialized' });
    expect(code.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(code.address).not.toBe('127.0.0.1:9000');
    expect(isAlive(code.pid)).toBe(true);
    expect(code.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('tolerates output before the handshake, and keeps it in the plugin logs with the pid and stream', async () => {
    host = await startHostWithConfig(
      env.home,
      `[[plugins]]\nname = "code"\nbinary = "${join(FIXTURES, 'noisy-plugin.js')}"\n${FAST_SUPERVISION}\n`,
    );
    const server = host.app.getHttpServer();
    await request(server).get('/api/code').expect(200);

    const { pid } = supervisorOf(host, 'code').status();
    const logs = await request(server).get('/api/plugins/code/logs').expect(200);
    const lines = logs.body.lines.map((l: { pid: number; stream: string; text: string }) => `${l.pid} ${l.stream} ${l.text}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${pid} stdout starting up, please wait`,
        `${pid} stdout QNTX_PLUGINS: loading configuration`,
        `${pid} stderr warning: something unimportant`,
      ]),
    );
    expect(lines.some((line: string) => /^\d+ stdout a partial line without its end\.\.\. /.test(line))).toBe(true);
  });

  it('kills a plugin that does not hand-shake within the start timeout, and reports why with its last stderr lines', async () => {
    host = await startHostWithConfig(
      env.home,
      [
        '[[plugins]]',
        'name = "slow"',
        `binary = "${join(FIXTURES, 'silent-plugin.js')}"`,
        'start_timeout_ms = 1000',
        'max_restarts = 0',
      ].join('\n'),
    );
    const server = host.app.getHttpServer();
    const { body } = await request(server).get('/api/plugins').expect(200);
    const slow = body.plugins.find((p: { name: string }) => p.name === 'slow');
    expect(slow).toMatchObject({ state: 'failed', pid: null, restarts: 0 });
    expect(slow.lastError).toMatch(/did not print its handshake line within 1000 ms/);

    const logs = await request(server).get('/api/plugins/slow/logs').expect(200);
    expect(logs.body.lastFailure.stderr).toEqual(['warming up the cache']);
    expect(isAlive(logs.body.lastFailure.pid)).toBe(false);

    const res = await request(server).get('/api/slow/anything').expect(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ error: 'Service Unavailable', plugin: 'slow' });
  });

  it('refuses a binary that turns out to be another plugin, kills it and does not retry', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "notcode"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    const supervisor = supervisorOf(host, 'notcode');
    const status = supervisor.status();
    expect(status).toMatchObject({ state: 'failed', restarts: 0, pid: null });
    expect(status.lastError).toMatch(/reports the name "code", but the configuration expects "notcode"/);
    expect(isAlive(supervisor.lastFailure()!.pid!)).toBe(false);
  });

  it('does not launch a plugin with auto_start = false until it is asked to', async () => {
    host = await startHostWithConfig(
      env.home,
      `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\nauto_start = false\n${FAST_SUPERVISION}\n`,
    );
    const server = host.app.getHttpServer();
    expect(supervisorOf(host, 'code').status()).toMatchObject({ state: 'stopped', pid: null });
    await request(server).get('/api/code').expect(503);

    const restarted = await request(server).post('/api/plugins/code/restart').expect(200);
    expect(restarted.body).toMatchObject({ name: 'code', state: 'running', restarts: 0 });
    const tree = await request(server).get('/api/code').expect(200);
    expect(tree.body.root).toBe(env.workspace); // initialized on its first launch too
  });

  it('answers 404 for management of an unknown plugin and 409 for one the host did not launch', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "remote"\naddress = "127.0.0.1:1"\n`);
    const server = host.app.getHttpServer();
    await request(server).post('/api/plugins/nosuch/restart').expect(404);
    const res = await request(server).get('/api/plugins/remote/logs').expect(409);
    expect(res.body.message).toMatch(/is reached at 127\.0\.0\.1:1; the host did not launch it/);
  });

  it('answers 405 naming the method a management endpoint takes, instead of reaching the plugin routes', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "remote"\naddress = "127.0.0.1:1"\n`);
    const server = host.app.getHttpServer();
    for (const name of ['remote', 'nosuch']) {
      const restart = await request(server).get(`/api/plugins/${name}/restart`).expect(405);
      expect(restart.headers.allow).toBe('POST');
      expect(restart.body).toEqual({
        error: 'Method Not Allowed',
        plugin: name,
        message: `/api/plugins/${name}/restart takes POST only.`,
      });
      await request(server).delete(`/api/plugins/${name}/restart`).expect(405);
    }
    const logs = await request(server).post('/api/plugins/remote/logs').expect(405);
    expect(logs.headers.allow).toBe('GET, HEAD');
    await request(server).post('/api/plugins/remote/restart').expect(409); // the method it takes still answers
  });
});
