import request from 'supertest';
import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { CODE_PLUGIN_MAIN, ensureBuilt, isAlive } from '../support/process.helpers';
import { makeHome } from '../support/supervised-host.fixture';
import { startTestHost, TestHost } from '../support/host.fixture';
import { startCodePlugin } from '../support/code-plugin.fixture';
import { closedAddress, waitForOutput } from '../support/cli.fixture';
import { HostProcess, hostListening, spawnHost } from '../support/host-process.fixture';
import { stopChild } from '../support/child-process';

jest.setTimeout(60_000);

/** With no am.plugins.toml, the host brings the code plugin itself (the first run on a fresh machine). */
describe('the host without am.plugins.toml', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost | undefined;

  beforeAll(() => {
    ensureBuilt();
    Logger.overrideLogger(false);
  });
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.close();
    host = undefined;
    env.cleanup();
  });

  it('launches the bundled code plugin when none answers at the default address within the wait, says why, and serves /api/code through it', async () => {
    const address = await closedAddress();
    host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: address });
    const server = host.app.getHttpServer();
    const tree = await request(server).get('/api/code').expect(200);
    expect(tree.body.root).toBe(env.workspace);
    const { body } = await request(server).get('/api/plugins').expect(200);
    expect(body.plugins).toHaveLength(1);
    expect(body.plugins[0]).toMatchObject({
      name: 'code',
      kind: 'external',
      state: 'running',
      restarts: 0,
      launched: true,
      origin: `launched the bundled code plugin because nothing answered at ${address} within 3000 ms (the default, without am.plugins.toml)`,
    });
    expect(isAlive(body.plugins[0].pid)).toBe(true);
  });

  it('uses a code plugin that already answers at the default address (nest start code-plugin)', async () => {
    const running: RunningPlugin = await startCodePlugin();
    try {
      host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: running.address });
      const server = host.app.getHttpServer();
      await request(server).get('/api/code').expect(200);
      const { body } = await request(server).get('/api/plugins').expect(200);
      expect(body.plugins[0]).toMatchObject({
        name: 'code',
        kind: 'external',
        address: running.address,
        pid: null,
        launched: false,
        origin: `found at ${running.address} (the default, without am.plugins.toml)`,
      });
    } finally {
      await host?.close();
      host = undefined;
      await running.close();
    }
  });
});

/**
 * README's "Trying it by hand", pasted as one block: the code plugin started in the background
 * (`node dist/apps/code-plugin/main.js --port 9000 &`) and the host at the same moment. Here the
 * plugin's port is a free one, and QNTX_CODE_PLUGIN_ADDRESS points the host's default at it.
 */
describe('the by-hand demo: a plugin started in the background with the host', () => {
  let env: ReturnType<typeof makeHome>;
  let plugin: ChildProcess | undefined;
  let host: HostProcess | undefined;

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    if (host) await stopChild(host.child);
    if (plugin) await stopChild(plugin);
    host = plugin = undefined;
    env.cleanup();
  });

  const startPlugin = (address: string): ChildProcess =>
    spawn(process.execPath, [CODE_PLUGIN_MAIN, '--port', address.split(':')[1]], {
      cwd: env.workspace,
      env: { ...process.env, QNTX_HOME: env.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const startHost = (address: string): HostProcess => spawnHost(env.home, { QNTX_CODE_PLUGIN_ADDRESS: address });
  const codeStatus = async (url: string): Promise<Record<string, unknown>> => {
    const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as { plugins: { name: string }[] };
    return plugins.find((p) => p.name === 'code')!;
  };

  it('uses the plugin started in the background, says so, and answers 503 with Retry-After once it is stopped', async () => {
    const address = await closedAddress();
    plugin = startPlugin(address);
    host = startHost(address);
    await hostListening(host);
    const { url } = host.readRuntimeFile();

    expect(await codeStatus(url)).toMatchObject({
      launched: false,
      pid: null,
      address,
      origin: `found at ${address} (the default, without am.plugins.toml)`,
    });
    expect((await fetch(`${url}/api/code`)).status).toBe(200);

    await stopChild(plugin);
    const stopped = await fetch(`${url}/api/code`);
    expect(stopped.status).toBe(503);
    expect(stopped.headers.get('retry-after')).not.toBeNull();
    expect(host.output()).not.toContain('launching the bundled one');
  });

  it('waits for a plugin that starts only after the host has first probed its address', async () => {
    const address = await closedAddress();
    host = startHost(address);
    await waitForOutput(host.child, 'Starting Nest application');
    plugin = startPlugin(address);
    await hostListening(host);
    expect(await codeStatus(host.readRuntimeFile().url)).toMatchObject({ launched: false, address });
  });
});
