import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedAddress, makeHome, runQntx, writeHostRuntime } from '../support/cli.fixture';
import {
  PluginProcess,
  isAlive,
  startCodePluginProcess,
  watchCodePluginProcesses,
} from '../support/plugin-process.fixture';

function workspace(marker: string): string {
  const root = mkdtempSync(join(tmpdir(), `qntx-cli-ws-${marker}-`));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', `${marker}-only.ts`), 'export {};\n');
  return root;
}

/** A pid that is certainly not alive: a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/**
 * Where the CLI finds the code plugin with no am.plugins.toml: the running host's plugin when
 * `$QNTX_HOME/run/host.json` names one, else the default address, else the bundled plugin,
 * started for the duration of the command. Nothing answers at the default address here.
 */
describe('qntx and the running host', () => {
  let hostPlugin: PluginProcess;
  let hostWorkspace: string;
  let cliWorkspace: string;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    hostWorkspace = workspace('host');
    cliWorkspace = workspace('cli');
    // The "host": this test process (alive), supervising a real code plugin process.
    hostPlugin = await startCodePluginProcess(hostWorkspace);
    env = { QNTX_CODE_PLUGIN_ADDRESS: await closedAddress() };
  });

  beforeEach(() => {
    home = makeHome();
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  afterAll(async () => {
    await hostPlugin.stop();
    rmSync(hostWorkspace, { recursive: true, force: true });
    rmSync(cliWorkspace, { recursive: true, force: true });
  });

  const runtime = (pid: number, token: string) => ({
    pid,
    hostVersion: '0.1.0',
    url: 'http://127.0.0.1:8787',
    startedAt: new Date().toISOString(),
    plugins: [
      { name: 'code', kind: 'external', address: hostPlugin.address, token, pid: hostPlugin.child.pid },
      { name: 'inner', kind: 'built-in', address: null, token: null, pid: null },
    ],
  });

  it("reuses the host's plugin with its token, and starts no plugin process of its own", async () => {
    writeHostRuntime(home, runtime(process.pid, hostPlugin.token));
    const watcher = watchCodePluginProcesses(home);
    try {
      const result = await runQntx(['code', 'ls', 'src'], { home, cwd: cliWorkspace, env });
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      // The host's plugin serves the host's workspace, not the CLI's working directory.
      expect(result.out).toBe('src/host-only.ts\n');
    } finally {
      watcher.stop();
    }
    expect([...watcher.seen]).toEqual([]);
  });

  it("lists the host's plugins from the runtime file", async () => {
    writeHostRuntime(home, runtime(process.pid, hostPlugin.token));
    const result = await runQntx(['plugins', 'list', '--json'], { home, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.origin).toContain(`the running host (pid ${process.pid}`);
    expect(report.plugins).toEqual([
      expect.objectContaining({
        name: 'code',
        source: 'host',
        state: 'running',
        address: hostPlugin.address,
        healthy: true,
      }),
      expect.objectContaining({ name: 'inner', kind: 'built-in', source: 'host', state: 'in host', address: null }),
    ]);
  });

  it("exits 69 for a command of the host's own built-in plugin, which only the host can run", async () => {
    writeHostRuntime(home, runtime(process.pid, hostPlugin.token));
    const result = await runQntx(['inner', 'x'], { home, env });
    expect(result.code).toBe(69);
    expect(result.err).toContain('Plugin "inner" is unreachable: it has no address. It runs inside the host process');
  });

  it('exits 69 naming the plugin and address when the token in the runtime file is refused', async () => {
    writeHostRuntime(home, runtime(process.pid, 'not-the-token'));
    const result = await runQntx(['code', 'ls'], { home, env });
    expect(result.code).toBe(69);
    expect(result.err).toContain(`Plugin "code" is unreachable at ${hostPlugin.address}`);
    expect(result.err).toContain('UNAUTHENTICATED');
  });

  it('ignores a stale runtime file, starts the bundled plugin for the command, and stops it after', async () => {
    writeHostRuntime(home, runtime(deadPid(), hostPlugin.token));
    const watcher = watchCodePluginProcesses(home);
    let result;
    try {
      result = await runQntx(['code', 'ls', 'src', '--limit', '3'], { home, cwd: cliWorkspace, env });
    } finally {
      watcher.stop();
    }
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe('src/cli-only.ts\n');
    const started = [...watcher.seen];
    expect(started).toHaveLength(1);
    expect(isAlive(started[0])).toBe(false);
  });

  it("starts the bundled plugin with none of the CLI's environment but PATH, HOME, locale and Node's settings", async () => {
    writeHostRuntime(home, runtime(deadPid(), hostPlugin.token));
    const watcher = watchCodePluginProcesses(home);
    let result;
    try {
      const secrets = { QNTX_ADMIN_TOKEN: 'cli-admin-secret', AWS_SECRET_ACCESS_KEY: 'cli-cloud-secret' };
      result = await runQntx(['code', 'ls', 'src'], { home, cwd: cliWorkspace, env: { ...env, ...secrets } });
    } finally {
      watcher.stop();
    }
    expect(result.code).toBe(0);
    const [environ] = [...watcher.environs.values()];
    const names = environ.map((line) => line.slice(0, line.indexOf('=')));
    const unasked = names.filter((name) => !/^(PATH|HOME|LANG|LANGUAGE|TZ|TMPDIR|LC_\w+|NODE_(OPTIONS|PATH|EXTRA_CA_CERTS|ENV)|QNTX_LOG_LEVEL|QNTX_PROTO_DIR)$/.test(name));
    expect(unasked.sort()).toEqual(['QNTX_PLUGIN_HANDSHAKE', 'QNTX_PLUGIN_TOKEN']);
    expect(environ.join('\n')).not.toMatch(/cli-admin-secret|cli-cloud-secret/);
  });

  it('shows the default code plugin as "not started" without starting it', async () => {
    const watcher = watchCodePluginProcesses(home);
    let result;
    try {
      result = await runQntx(['plugins', 'list'], { home, env });
    } finally {
      watcher.stop();
    }
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[1].split(/\s{2,}/)).toEqual([
      'code',
      '-',
      'external',
      'not started',
      env.QNTX_CODE_PLUGIN_ADDRESS,
      '-',
    ]);
    expect([...watcher.seen]).toEqual([]);
  });
});
