import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureBuilt } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { FaultHost, HOSTILE_PLUGIN, startFaultHost } from '../support/fault-host.fixture';
import { send } from '../support/http-client';

const LONG_NAME = 'a'.repeat(100_000);

/** The hostile fixture (polite) at an address, reporting `name` at Metadata. */
async function pluginAt(name: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [HOSTILE_PLUGIN], {
    env: { PATH: process.env.PATH, HOSTILE_NAME: name },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture exited (${code}) before its handshake`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^QNTX_PLUGIN\|1\|1\|tcp\|([^|]+)\|grpc$/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return { child, address };
}

/**
 * A plugin that reports another name than its [[plugins]] entry is not the plugin the operator
 * meant. At an address or launched, the host starts anyway, serves its other plugins, marks that
 * one failed with the reason, and never writes a hostile name whole into its log or its answers.
 */
describe('plugins reporting another name', () => {
  let env: ReturnType<typeof makeHome>;
  let host: FaultHost | undefined;
  const plugins: ChildProcess[] = [];

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.stop();
    host = undefined;
    for (const child of plugins.splice(0)) child.kill('SIGKILL');
    env.cleanup();
  });

  const steady = ['[[plugins]]', 'name = "steady"', `binary = "${HOSTILE_PLUGIN}"`, 'env = { HOSTILE_NAME = "steady" }', FAST_SUPERVISION];

  it('an address plugin reporting another name leaves the host up: that plugin failed with the reason, the others served', async () => {
    const impostor = await pluginAt('impostor');
    plugins.push(impostor.child);
    host = await startFaultHost(env.home, [...steady, '', '[[plugins]]', 'name = "hostile"', `address = "${impostor.address}"`].join('\n'));

    const row = await host.plugin('hostile');
    expect(row.state).toBe('failed');
    expect(row.lastError).toContain(`The plugin at ${impostor.address} reports the name "impostor", but the configuration expects "hostile"`);
    const refused = await send(`${host.url}/api/hostile/x`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('60');
    expect(JSON.parse(refused.body.toString())).toMatchObject({ plugin: 'hostile' });

    await host.waitForPlugin('steady', ['running']);
    expect((await send(`${host.url}/api/steady/x`)).status).toBe(200);
  });

  it.each([
    ['at an address', async (): Promise<string[]> => {
      const plugin = await pluginAt(LONG_NAME);
      plugins.push(plugin.child);
      return ['[[plugins]]', 'name = "hostile"', `address = "${plugin.address}"`];
    }],
    ['launched', async (): Promise<string[]> => ['[[plugins]]', 'name = "hostile"', `binary = "${HOSTILE_PLUGIN}"`, `env = { HOSTILE_NAME = "${LONG_NAME}" }`, 'max_restarts = 0', FAST_SUPERVISION]],
  ])('a 100,000-character name from a plugin %s is cut in the log and in the reason', async (_where, entry) => {
    host = await startFaultHost(env.home, (await entry()).join('\n'));
    const row = await host.waitForPlugin('hostile', ['failed']);
    expect(row.lastError).toContain(`reports the name "${'a'.repeat(64)}… (100000 characters)"`);
    expect(row.lastError!.length).toBeLessThan(1_000);
    const output = host.process.output();
    expect(output).toContain('(100000 characters)');
    expect(output).not.toContain('a'.repeat(1_000));
  });
});
