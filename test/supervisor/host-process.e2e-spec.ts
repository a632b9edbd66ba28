import * as grpc from '@grpc/grpc-js';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PluginClient } from '@qntx/plugin-grpc';
import { CODE_PLUGIN_MAIN, CODE_PLUGIN_MODULE, ensureBuilt, FIXTURES, isAlive, waitUntil } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost } from '../support/host-process.fixture';

/** The host as users run it: `node dist/apps/host/main.js`, with real signals. */
describe('the host process', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess | undefined;

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    if (host && host.child.exitCode === null && host.child.signalCode === null) {
      host.child.kill('SIGKILL');
      await host.exited;
    }
    host = undefined;
    env.cleanup();
  });

  const writeConfig = (toml: string): void => writeFileSync(join(env.home, 'am.plugins.toml'), toml);
  const spawningPlugin = (): void =>
    writeConfig(
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${join(FIXTURES, 'spawning-plugin.js')}"`,
        'env = { CHILD_PID_FILE = "${FIXTURE_CHILD_PID_FILE}" }',
        FAST_SUPERVISION,
      ].join('\n'),
    );

  it('writes $QNTX_HOME/run/host.json (0600 in a 0700 folder) with each plugin\'s address, pid and token', async () => {
    writeConfig(`[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    host = spawnHost(env.home);
    await hostListening(host);

    const info = host.readRuntimeFile();
    expect(statSync(host.runtimeFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.home, 'run')).mode & 0o777).toBe(0o700);
    expect(info).toMatchObject({ pid: host.child.pid, hostVersion: '0.1.0' });
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Date(info.startedAt).toISOString()).toBe(info.startedAt);
    const [code] = info.plugins;
    expect(code).toMatchObject({ name: 'code', kind: 'external' });
    expect(code.token).toMatch(/^[0-9a-f]{64}$/);
    expect(isAlive(code.pid!)).toBe(true);

    const tree = await fetch(`${info.url}/api/code`);
    expect(tree.status).toBe(200);
    expect((await tree.json()).root).toBe(env.workspace);

    // The token is what lets another tool use the plugin; without it the plugin refuses.
    const withToken = new PluginClient(code.address!, { token: code.token! });
    const without = new PluginClient(code.address!);
    try {
      await expect(withToken.metadataCall(2000)).resolves.toMatchObject({ name: 'code' });
      await expect(without.metadataCall(2000)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    } finally {
      withToken.close();
      without.close();
    }
  });

  it('on SIGTERM, stops every plugin and what it spawned, removes host.json and run/, says so in one line, and exits', async () => {
    const pidFile = join(env.home, 'child.pid');
    spawningPlugin();
    host = spawnHost(env.home, { FIXTURE_CHILD_PID_FILE: pidFile });
    await hostListening(host);
    const pluginPid = host.readRuntimeFile().plugins[0].pid!;
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pluginPid) && isAlive(childPid)).toBe(true);

    host.child.kill('SIGTERM');
    const exit = await host.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(isAlive(pluginPid)).toBe(false);
    await waitUntil(() => !isAlive(childPid), 1000, `child ${childPid} to exit`);
    expect(existsSync(host.runtimeFile)).toBe(false);
    expect(existsSync(join(env.home, 'run'))).toBe(false);
    expect(host.output()).toMatch(/Host stopped on SIGTERM: 1 plugin\(s\) shut down \(code\) in \d+ ms/);
  });

  it("sends no X-Powered-By on the host's endpoints or plugin routes", async () => {
    spawningPlugin();
    host = spawnHost(env.home, { FIXTURE_CHILD_PID_FILE: join(env.home, 'child.pid') });
    await hostListening(host);
    const { url } = host.readRuntimeFile();
    for (const path of ['/api/plugins', '/', '/api/code', '/api/nope']) {
      const res = await fetch(`${url}${path}`);
      expect([path, res.headers.get('x-powered-by')]).toEqual([path, null]);
    }
  });

  it('on SIGKILL, its plugins notice (stdin closes) and exit within 2 s, taking their children along', async () => {
    const pidFile = join(env.home, 'child.pid');
    spawningPlugin();
    host = spawnHost(env.home, { FIXTURE_CHILD_PID_FILE: pidFile });
    await hostListening(host);
    const pluginPid = host.readRuntimeFile().plugins[0].pid!;
    const childPid = Number(readFileSync(pidFile, 'utf8'));

    host.child.kill('SIGKILL');
    await host.exited;
    const took = await waitUntil(() => !isAlive(pluginPid) && !isAlive(childPid), 2000, 'the plugin and its child to exit');
    expect(took).toBeLessThan(2000);
  });

  it('runs a plugin built-in when the configuration asks for it, from its compiled module file', async () => {
    writeConfig(`[[plugins]]\nname = "code"\nbuiltin = true\nmodule = "${CODE_PLUGIN_MODULE}"\nexport = "CodePluginModule"\n`);
    host = spawnHost(env.home);
    await hostListening(host);
    const info = host.readRuntimeFile();
    expect(info.plugins).toEqual([{ name: 'code', kind: 'built-in', address: null, token: null, pid: null }]);

    const file = await fetch(`${info.url}/api/code/files/hello.txt`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await file.text()).toBe('hello\n');
    const status = await (await fetch(`${info.url}/api/plugins`)).json();
    expect(status.plugins[0]).toMatchObject({ name: 'code', kind: 'built-in', state: 'running', pid: null });
    expect((await fetch(`${info.url}/api/code/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
  });

  it.each([
    ['a TOML syntax error', '[[plugins]\nname = "code"\n', /am\.plugins\.toml: TOML syntax error at line 1, column \d+/],
    ['a wrong type', '[[plugins]]\nname = "code"\nenabled = "yes"\naddress = "localhost:9001"\n', /plugin "code": "enabled" must be true or false \(no quotes\), got the string "yes"\./],
    ['a missing environment variable', '[[plugins]]\nname = "code"\naddress = "${QNTX_TEST_UNSET_ADDRESS}"\n', /key "plugins\.code\.address" refers to the environment variable QNTX_TEST_UNSET_ADDRESS, which is not set/],
    ['a missing binary', '[[plugins]]\nname = "code"\nbinary = "qntx-nothing"\n', /plugin "code": "binary": .*plugins\/qntx-nothing does not exist\./],
  ])('exits with status 1 and a one-line message, no stack trace, on %s', async (_what, toml, message) => {
    writeConfig(toml);
    host = spawnHost(env.home);
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(host.output()).toMatch(message);
    expect(host.output()).toContain(join(env.home, 'am.plugins.toml'));
    expect(host.output()).not.toMatch(/^\s+at /m);
  });
});
