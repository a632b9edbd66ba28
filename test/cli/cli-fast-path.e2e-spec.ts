import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  closedAddress,
  collect,
  makeHome,
  runQntx,
  runQntxTraced,
  writeHostRuntime,
  writePluginsToml,
  spawnQntx,
  waitForOutput,
  writeRunningHost,
} from '../support/cli.fixture';
import { ReferencePlugin, startReferencePlugin } from '../support/reference-plugin.fixture';
import { startPluginProcess } from '../support/ts-plugin-process.fixture';

/**
 * The fast path (apps/host/src/cli/fast/) runs `qntx <plugin> ...` on the running host's plugin
 * without loading the full CLI; whatever it cannot settle before the command is sent, it hands to
 * the full CLI, which reports it in its own words. (cli-plugin-commands and cli-reference-plugin
 * run their assertions on both paths.)
 */
describe('qntx fast path: what it leaves to the full CLI', () => {
  let plugin: ReferencePlugin;
  let home: string;

  beforeAll(async () => {
    plugin = await startReferencePlugin();
  });

  beforeEach(() => {
    home = makeHome();
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  afterAll(async () => {
    await plugin.close();
  });

  it("runs the host's plugin command itself when everything checks out", async () => {
    writeRunningHost(home, [{ name: 'legacy', address: plugin.address }]);
    const result = await runQntxTraced(['legacy', 'greet', 'World'], { home });
    expect(result.out).toBe('Hello, World.\n');
    expect(result.code).toBe(0);
    expect(result.path).toBe('fast');
  });

  it.each([
    [['legacy']],
    [['legacy', '--help']],
    [['legacy', 'greet', '-h']],
    [['legacy', 'greet', 'World', '--shout']],
    [['legacy', 'fail']],
    [['legacy', 'greet']],
    [['legacy', 'gret', 'World']],
    [['legacy', 'greet', 'World', '--shuot']],
  ])('prints the same bytes and exit code as the full CLI for qntx %j', async (args) => {
    writeRunningHost(home, [{ name: 'legacy', address: plugin.address }]);
    const fast = await runQntxTraced(args, { home });
    const full = await runQntx(args, { home, fullCliOnly: true });
    expect(fast.path).toBe('fast');
    expect({ code: fast.code, out: fast.out, err: fast.err }).toEqual({
      code: full.code,
      out: full.out,
      err: full.err,
    });
  });

  it('reports a plugin process killed in the middle of a command as the full CLI does', async () => {
    const runAgainstKilledPlugin = async (fullCliOnly: boolean) => {
      const doomed = await startPluginProcess('test/fixtures/cli-fixture/fixture-plugin.main.ts');
      try {
        writeRunningHost(home, [{ name: 'fixture', address: doomed.address }]);
        const child = spawnQntx(['fixture', 'stream', join(home, 'never')], { home, fullCliOnly });
        const done = collect(child);
        await waitForOutput(child, 'first\n');
        await doomed.kill('SIGKILL');
        const result = await done;
        // The message names the address, which differs between the two plugin processes.
        return { code: result.code, out: result.out, err: result.err.replace(doomed.address, '<address>') };
      } finally {
        await doomed.kill();
      }
    };
    const fast = await runAgainstKilledPlugin(false);
    const full = await runAgainstKilledPlugin(true);
    expect(fast).toEqual(full);
    expect(fast.code).toBe(69);
  });

  it("leaves the CLI's own commands to the full CLI, with the host running", async () => {
    writeRunningHost(home, [{ name: 'legacy', address: plugin.address }]);
    const result = await runQntxTraced(['plugins', 'list'], { home });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/legacy\s+0\.9\.0\s+external\s+running/);
    expect(result.path).toBe('full');
  });

  it('leaves a stale runtime file (its host is gone) to the full CLI', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    writePluginsToml(home, [{ name: 'legacy', address: plugin.address }]);
    writeHostRuntime(home, {
      pid: deadPid,
      plugins: [{ name: 'legacy', kind: 'external', address: await closedAddress(), token: null, pid: null }],
    });
    const result = await runQntxTraced(['legacy', 'greet', 'World'], { home });
    // The full CLI ignores the stale file and reaches the plugin through am.plugins.toml.
    expect(result.out).toBe('Hello, World.\n');
    expect(result.path).toBe('full');
  });

  it('leaves a plugin that does not answer to the full CLI, which names it and the runtime file', async () => {
    const address = await closedAddress();
    writeRunningHost(home, [{ name: 'legacy', address }]);
    const result = await runQntxTraced(['legacy', 'greet', 'World'], { home });
    expect(result.code).toBe(69);
    expect(result.err).toContain(`Plugin "legacy" is unreachable at ${address}`);
    expect(result.err).toContain(join(home, 'run', 'host.json'));
    expect(result.path).toBe('full');
  });

  it('leaves a plugin that reports another name than the runtime file to the full CLI, which refuses it', async () => {
    writeRunningHost(home, [{ name: 'other', address: plugin.address }]);
    const result = await runQntxTraced(['other', 'greet', 'World'], { home });
    expect(result.code).toBe(78);
    expect(result.err).toContain(`The plugin at ${plugin.address} reports the name "legacy"`);
    expect(result.out).toBe('');
    expect(result.path).toBe('full');
  });

  it('leaves a plugin that needs another host version to the full CLI, which refuses it', async () => {
    const newer = await startReferencePlugin({ qntxVersion: '>= 9.0.0' });
    try {
      writeRunningHost(home, [{ name: 'legacy', address: newer.address }]);
      const result = await runQntxTraced(['legacy', 'greet', 'World'], { home });
      expect(result.code).toBe(78);
      expect(result.err).toContain('>= 9.0.0');
      expect(result.out).toBe('');
      expect(newer.calls).not.toContain('ExecuteCommand');
      expect(result.path).toBe('full');
    } finally {
      await newer.close();
    }
  });

  it('leaves a plugin that runs inside the host (no address) to the full CLI', async () => {
    writeHostRuntime(home, {
      pid: process.pid,
      plugins: [{ name: 'inner', kind: 'built-in', address: null, token: null, pid: null }],
    });
    const result = await runQntxTraced(['inner', 'x'], { home });
    expect(result.code).toBe(69);
    expect(result.err).toContain('It runs inside the host process');
    expect(result.path).toBe('full');
  });

  it('leaves an invalid QNTX_COMMAND_TIMEOUT_MS to the full CLI, which reports it', async () => {
    writeRunningHost(home, [{ name: 'legacy', address: plugin.address }]);
    const result = await runQntxTraced(['legacy', 'greet', 'World'], {
      home,
      env: { QNTX_COMMAND_TIMEOUT_MS: 'soon' },
    });
    expect(result.code).toBe(70);
    expect(result.err).toContain('QNTX_COMMAND_TIMEOUT_MS must be a whole number');
    expect(result.path).toBe('full');
  });
});
