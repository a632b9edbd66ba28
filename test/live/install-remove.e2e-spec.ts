import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostProcess, stopHost } from '../support/host-process.fixture';
import { runQntx } from '../support/cli.fixture';
import { send } from '../support/http-client';
import { EventStreamReader } from '../support/event-stream.reader';
import { ensureBuilt, isAlive, readUntil } from '../support/process.helpers';
import { parseSamples, sampleValue } from '../support/prometheus-text';
import { ensureLivePluginBundle } from '../support/live-plugin.fixture';
import { askPlugin, LiveHome, liveSettings, makeLiveHome, pluginStatus, startLiveHost, waitForExit } from './live-support';

/**
 * Issue 20, point 1 and test 5(d): plugins installed, removed and reconfigured on a running host
 * (the built host process, real plugin processes, the real CLI), with no host restart and the
 * plugins that did not change left alone.
 */
describe('changing plugins on a running host', () => {
  let live: LiveHome;
  let host: HostProcess | undefined;
  let url: string;

  beforeAll(async () => {
    ensureBuilt();
    ensureLivePluginBundle();
    live = makeLiveHome();
    live.plugin('qntx-alpha', { name: 'alpha', version: '1.0.0' });
    live.config([{ name: 'alpha', binary: 'qntx-alpha', extra: liveSettings() }]);
    ({ host, url } = await startLiveHost(live.home));
  }, 90_000);

  afterAll(async () => {
    await stopHost(host);
    live.cleanup();
  });

  it('qntx plugin install: the new plugin answers at once, the host and the other plugins are not restarted', async () => {
    const alphaBefore = (await askPlugin(url, 'alpha')).answer!;
    expect((await askPlugin(url, 'beta')).status).toBe(404);

    const watching = new AbortController();
    const events = new EventStreamReader(await fetch(`${url}/api/plugins/events`, { signal: watching.signal }));
    const file = live.plugin('qntx-beta', { name: 'beta', version: '1.0.0' }, 'work');
    const result = await runQntx(['plugin', 'install', file], { home: live.home });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`The running host (pid ${host!.child.pid}) now serves plugin "beta" 1.0.0.\n`);

    const beta = await askPlugin(url, 'beta');
    expect(beta.status).toBe(200);
    expect(beta.answer).toMatchObject({ name: 'beta', version: '1.0.0' });
    expect((await askPlugin(url, 'alpha')).answer!.pid).toBe(alphaBefore.pid);
    expect(host!.readRuntimeFile().plugins.find((plugin) => plugin.name === 'beta')?.pid).toBe(beta.answer!.pid);

    const metrics = parseSamples((await send(`${url}/metrics`)).body.toString());
    expect(sampleValue(metrics, 'qntx_plugin_generation_info', { plugin: 'beta', generation: '1', version: '1.0.0', state: 'live' })).toBe(1);
    expect(sampleValue(metrics, 'qntx_websocket_connections', { plugin: 'beta' })).toBe(0);
    expect((await pluginStatus(url, 'beta')).lastChange).toMatchObject({ action: 'installed', outcome: 'started', to: '1.0.0' });
    // The status page's event stream, opened before, follows the new plugin.
    const running = await events.next((event) => (event.data as { name: string; state: string }).name === 'beta');
    expect(running.data).toMatchObject({ name: 'beta', state: 'running', pid: beta.answer!.pid });
    watching.abort();
  }, 60_000);

  it('qntx plugin remove: requests in flight finish, new ones answer 404, then its process is gone', async () => {
    const { pid } = (await askPlugin(url, 'beta')).answer!;
    const inFlight = send(`${url}/api/beta/slow?ms=6000`);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const removal = runQntx(['plugin', 'remove', 'beta'], { home: live.home });
    const afterRemoval = await readUntil(() => askPlugin(url, 'beta'), ({ status }) => status === 404, 5_000);
    expect(afterRemoval.status).toBe(404);
    expect(isAlive(pid)).toBe(true); // still finishing the request in flight

    const slow = await inFlight;
    expect(slow.status).toBe(200);
    expect(JSON.parse(slow.body.toString())).toMatchObject({ version: '1.0.0', pid });

    const result = await removal;
    expect(result.code).toBe(0);
    expect(result.out).toContain(`The running host (pid ${host!.child.pid}) no longer serves plugin "beta".`);
    await waitForExit(pid, 'the removed plugin to exit');
    expect(host!.readRuntimeFile().plugins.map((plugin) => plugin.name)).toEqual(['alpha']);
    const metrics = parseSamples((await send(`${url}/metrics`)).body.toString());
    expect(sampleValue(metrics, 'qntx_websocket_connections', { plugin: 'beta' })).toBeUndefined();
  }, 60_000);

  it('an edited am.plugins.toml and am.<name>.toml, applied by SIGHUP then "qntx plugins reload": added, changed and removed; the rest untouched', async () => {
    const alpha = (await askPlugin(url, 'alpha')).answer!;
    live.plugin('qntx-gamma', { name: 'gamma', version: '3.0.0' });
    live.config([
      { name: 'alpha', binary: 'qntx-alpha', extra: liveSettings() },
      { name: 'gamma', binary: 'qntx-gamma', extra: liveSettings() },
    ]);
    writeFileSync(join(live.home, 'am.alpha.toml'), 'greeting = "hola"\n');

    host!.child.kill('SIGHUP');
    const gamma = await readUntil(() => askPlugin(url, 'gamma'), ({ status }) => status === 200, 30_000);
    expect(gamma.answer).toMatchObject({ name: 'gamma', version: '3.0.0' });
    const reconfigured = await readUntil(() => askPlugin(url, 'alpha'), ({ answer }) => answer?.greeting === 'hola', 30_000);
    expect(reconfigured.answer!.pid).not.toBe(alpha.pid); // a new generation, with the new settings
    expect(isAlive(host!.child.pid!)).toBe(true);
    await waitForExit(alpha.pid, 'the old generation of "alpha" to exit');
    const status = await pluginStatus(url, 'alpha');
    expect(status.generations.map(({ generation, state }) => [generation, state])).toEqual([
      [2, 'live'],
      [1, 'stopped'],
    ]);

    const toml = readFileSync(join(live.home, 'am.plugins.toml'), 'utf8');
    writeFileSync(join(live.home, 'am.plugins.toml'), toml.slice(0, toml.indexOf('[[plugins]]\nname = "gamma"')));
    const result = await runQntx(['plugins', 'reload'], { home: live.home });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`The running host (pid ${host!.child.pid}) no longer serves plugin "gamma".\nUnchanged: alpha.\n`);
    expect((await askPlugin(url, 'gamma')).status).toBe(404);
    expect((await askPlugin(url, 'alpha')).answer!.pid).toBe(reconfigured.answer!.pid);
    await waitForExit(gamma.answer!.pid, 'the removed plugin "gamma" to exit');
  }, 90_000);

  it('refuses a reload of a file that does not load, naming the file and the key, and changes nothing', async () => {
    const before = (await askPlugin(url, 'alpha')).answer!;
    const toml = readFileSync(join(live.home, 'am.plugins.toml'), 'utf8');
    writeFileSync(join(live.home, 'am.plugins.toml'), `${toml}\n[[plugins]]\nname = "broken"\nbinary = "qntx-missing"\n`);
    try {
      const result = await runQntx(['plugins', 'reload'], { home: live.home });
      expect(result.code).toBe(1);
      expect(result.err).toContain(`refused: ${join(live.home, 'am.plugins.toml')}: plugin "broken": "binary"`);
      expect((await askPlugin(url, 'alpha')).answer!.pid).toBe(before.pid);
    } finally {
      writeFileSync(join(live.home, 'am.plugins.toml'), toml);
    }
  }, 30_000);
});
