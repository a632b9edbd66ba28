import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { HostProcess, stopHost } from '../support/host-process.fixture';
import { runQntx } from '../support/cli.fixture';
import { send } from '../support/http-client';
import { EventStreamReader } from '../support/event-stream.reader';
import { ensureLivePluginBundle } from '../support/live-plugin.fixture';
import { ensureBuilt, isAlive } from '../support/process.helpers';
import { parseSamples, sampleValue } from '../support/prometheus-text';
import { openSocket } from '../support/websocket-client';
import { chromiumMissing, launchChromium } from '../support/headless-browser';
import {
  askPlugin,
  LiveHome,
  liveSettings,
  makeLiveHome,
  manage,
  pluginStatus,
  runLoad,
  sleep,
  startLiveHost,
  versionRuns,
  waitForExit,
} from './live-support';

/**
 * Issue 20, point 2 and tests 5(a)–(c): an upgrade starts the new version beside the old one,
 * switches new traffic only once it passed Metadata, Initialize and Health, lets the old one
 * finish (its sockets until drain_timeout_ms, then 1012) and goes back to it when the new one
 * fails in probation. The built host, real plugin processes, 8 keep-alive clients.
 */
describe('upgrades as generations', () => {
  let live: LiveHome;
  let host: HostProcess | undefined;
  let url: string;

  beforeAll(() => {
    ensureBuilt();
    ensureLivePluginBundle();
  }, 120_000);

  afterEach(async () => {
    await stopHost(host);
    host = undefined;
    live.cleanup();
  });

  /** A host serving plugin "svc" 1.0.0 from plugins/qntx-svc. */
  async function serveV1(settings: { probationMs?: number; drainMs?: number } = {}): Promise<number> {
    live = makeLiveHome();
    live.plugin('qntx-svc', { name: 'svc', version: '1.0.0' });
    live.config([{ name: 'svc', binary: 'qntx-svc', extra: liveSettings(settings) }]);
    ({ host, url } = await startLiveHost(live.home));
    return (await askPlugin(url, 'svc')).answer!.pid;
  }

  /** Puts a new plugin file in place of plugins/qntx-svc, as `qntx plugin upgrade` does (a rename). */
  function replaceBinary(options: Parameters<LiveHome['plugin']>[1]): void {
    const file = live.plugin('qntx-svc.next', options);
    renameSync(file, join(live.home, 'plugins', 'qntx-svc'));
  }

  it('5(a) qntx plugin upgrade v1 → v2 under 8 keep-alive clients for 10 s: every answer 200, each client switches once from v1 to v2, no v1 process left', async () => {
    const v1 = await serveV1({ probationMs: 2000, drainMs: 2000 });
    const watching = new AbortController();
    const events = new EventStreamReader(await fetch(`${url}/api/plugins/events`, { signal: watching.signal }));
    const load = runLoad(url, '/api/svc', 8);
    await sleep(2500);
    const file = live.plugin('qntx-svc-2', { name: 'svc', version: '2.0.0' }, 'work');
    const upgrade = await runQntx(['plugin', 'upgrade', file], { home: live.home });
    await sleep(Math.max(0, 10_000 - 2500));
    const samples = await load.stop();

    expect(upgrade.err).toBe('');
    expect(upgrade.code).toBe(0);
    expect(upgrade.out).toContain(`The running host (pid ${host!.child.pid}) upgraded plugin "svc" 1.0.0 → 2.0.0`);
    expect(samples.length).toBeGreaterThan(200);
    expect(samples.filter((sample) => sample.status !== 200)).toEqual([]);
    for (let client = 0; client < 8; client++) expect(versionRuns(samples, client)).toEqual(['1.0.0', '2.0.0']);
    await waitForExit(v1, 'generation 1 (v1) to exit');
    const status = await pluginStatus(url, 'svc');
    expect(status.version).toBe('2.0.0');
    expect(status.generations.map(({ generation, version, state }) => [generation, version, state])).toEqual([
      [2, '2.0.0', 'live'],
      [1, '1.0.0', 'stopped'],
    ]);
    const metrics = parseSamples((await send(`${url}/metrics`)).body.toString());
    expect(sampleValue(metrics, 'qntx_plugin_generation_info', { plugin: 'svc', generation: '2', version: '2.0.0', state: 'live' })).toBe(1);
    expect(sampleValue(metrics, 'qntx_plugin_generation_info', { plugin: 'svc', generation: '1', version: '1.0.0', state: 'stopped' })).toBe(1);
    const v2 = (await askPlugin(url, 'svc')).answer!.pid;
    expect(host!.readRuntimeFile().plugins[0].pid).toBe(v2);

    // The status page's event stream saw v2 take over, and never the retired v1 as "stopped".
    watching.abort();
    const seen: { state: string; pid: number | null }[] = [];
    for (;;) {
      try {
        seen.push((await events.next()).data as { state: string; pid: number | null });
      } catch {
        break; // the stream ended
      }
    }
    expect(seen.filter(({ state }) => state === 'stopped')).toEqual([]);
    expect(seen[0]).toMatchObject({ state: 'running', pid: v1 });
    expect(seen[seen.length - 1]).toMatchObject({ state: 'running', pid: v2 });
  }, 120_000);

  it('5(b) an upgrade to a version that fails Initialize is never switched to: v1 keeps serving, 0 failed requests, the status says why', async () => {
    const v1 = await serveV1();
    const load = runLoad(url, '/api/svc', 8);
    await sleep(1000);
    replaceBinary({ name: 'svc', version: '2.0.0', failInitialize: true });
    const reload = await manage(url, '/api/plugins/svc/reload');
    await sleep(1000);
    const samples = await load.stop();

    expect(reload.status).toBe(200);
    const [change] = reload.body.changes as Record<string, unknown>[];
    expect(change).toMatchObject({ name: 'svc', action: 'upgraded', outcome: 'kept', from: '1.0.0' });
    expect(change.reason).toContain('cannot open its database');
    expect(samples.filter((sample) => sample.status !== 200)).toEqual([]);
    expect(new Set(samples.map((sample) => sample.version))).toEqual(new Set(['1.0.0']));
    expect((await askPlugin(url, 'svc')).answer!.pid).toBe(v1);
    const status = await pluginStatus(url, 'svc');
    expect(status.lastChange).toMatchObject({ outcome: 'kept' });
    expect(status.generations[0]).toMatchObject({ generation: 2, state: 'failed', pid: null });
    expect(String(status.generations[0].reason)).toContain('cannot open its database');
  }, 90_000);

  it('5(b) an upgrade to a version that crashes 2 s after going live is rolled back within its probation: 0 failed requests', async () => {
    const v1 = await serveV1({ probationMs: 6000, drainMs: 1000 });
    const load = runLoad(url, '/api/svc', 8);
    await sleep(1000);
    replaceBinary({ name: 'svc', version: '2.0.0', crashAfterMs: 2000 });
    const reload = await manage(url, '/api/plugins/svc/reload');
    await sleep(1000);
    const samples = await load.stop();

    expect(reload.status).toBe(200);
    const [change] = reload.body.changes as Record<string, unknown>[];
    expect(change).toMatchObject({ name: 'svc', action: 'upgraded', outcome: 'rolled-back', from: '1.0.0', to: '2.0.0' });
    expect(change.reason).toMatch(/rolled back: generation 2 \(2\.0\.0\) failed \d+ ms after going live: exited unexpectedly/);
    expect(samples.filter((sample) => sample.status !== 200)).toEqual([]);
    expect(samples.some((sample) => sample.version === '2.0.0')).toBe(true); // it did go live
    expect(samples.filter((sample) => sample.at > Date.now() - 500).every((sample) => sample.version === '1.0.0')).toBe(true);
    expect((await askPlugin(url, 'svc')).answer!.pid).toBe(v1);
    expect(isAlive(v1)).toBe(true);
    const status = await pluginStatus(url, 'svc');
    expect(status.generations.map(({ generation, state }) => [generation, state])).toEqual([
      [2, 'failed'],
      [1, 'live'],
    ]);

    // The status page says so under the version.
    expect(chromiumMissing()).toBeNull();
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${url}/`);
      const row = page.locator('tr[data-plugin="svc"]');
      await row.locator('[data-last-change]').waitFor();
      expect(await row.locator('[data-last-change]').innerText()).toMatch(/^upgraded 2\.0\.0: rolled-back — rolled back: generation 2/);
      expect(await row.locator('[data-generation]').allInnerTexts()).toEqual(['gen 2 · 2.0.0 failed', 'gen 1 · 1.0.0 live']);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('5(c) a WebSocket open across an upgrade stays on v1 and works until it closes, or gets 1012 at the drain deadline', async () => {
    const v1 = await serveV1({ probationMs: 500, drainMs: 4000 });
    const kept = await openSocket(`${url.replace('http', 'ws')}/ws/svc/echo`);
    const closedEarly = await openSocket(`${url.replace('http', 'ws')}/ws/svc/echo`);
    kept.send('a');
    expect(await kept.waitFor(1)).toEqual(['1.0.0:a']);

    replaceBinary({ name: 'svc', version: '2.0.0' });
    const upgraded = await manage(url, '/api/plugins/svc/upgrade');
    const switchedAt = Date.now();
    expect(upgraded.body).toMatchObject({ name: 'svc', outcome: 'upgraded', from: '1.0.0', to: '2.0.0' });

    kept.send('b');
    expect(await kept.waitFor(2)).toEqual(['1.0.0:a', '1.0.0:b']); // still on v1
    const fresh = await openSocket(`${url.replace('http', 'ws')}/ws/svc/echo`);
    fresh.send('c');
    expect(await fresh.waitFor(1)).toEqual(['2.0.0:c']);
    closedEarly.ws.close(1000, 'done');
    expect(await closedEarly.closed).toEqual({ code: 1000, reason: 'done' });

    const closed = await kept.closed;
    expect(closed.code).toBe(1012);
    expect(closed.reason).toContain('plugin "svc" was upgraded to 2.0.0');
    const waited = Date.now() - switchedAt;
    expect(waited).toBeGreaterThan(3000);
    expect(waited).toBeLessThan(8000);
    await waitForExit(v1, 'generation 1 to exit after its drain');
    fresh.send('d');
    expect(await fresh.waitFor(2)).toEqual(['2.0.0:c', '2.0.0:d']); // the new generation's socket is untouched
    fresh.ws.close();
  }, 90_000);
});
