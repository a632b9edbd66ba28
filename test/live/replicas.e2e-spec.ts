import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { HostProcess, stopHost } from '../support/host-process.fixture';
import { send } from '../support/http-client';
import { ensureLivePluginBundle } from '../support/live-plugin.fixture';
import { ensureBuilt, isAlive, waitUntil } from '../support/process.helpers';
import { parseSamples, sampleValue } from '../support/prometheus-text';
import { LiveHome, liveSettings, makeLiveHome, pluginStatus, runLoad, sleep, startLiveHost } from './live-support';

interface ReplicaStatus {
  replica: number;
  up: boolean;
  state: string;
  pid: number | null;
  restarts: number;
}

/** A plugin process started by hand (as on another machine): its handshake line gives its address. */
async function startByHand(file: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [file, '--port', '0'], {
    env: { ...process.env, QNTX_PLUGIN_HANDSHAKE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^QNTX_PLUGIN\|\d+\|\d+\|tcp\|([^|]+)\|grpc$/.exec(line.trim());
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`${file} exited before its handshake`)));
  });
  return { child, address };
}

/**
 * Issue 20, point 3 and tests 5(e)–(f): a plugin served by several processes, launched
 * (`replicas = 2`) or reached at several addresses; requests spread over those that serve, and
 * one going away costs no request.
 */
describe('replicas', () => {
  let live: LiveHome;
  let host: HostProcess | undefined;
  let url: string;
  const byHand: ChildProcess[] = [];

  beforeAll(() => {
    ensureBuilt();
    ensureLivePluginBundle();
  }, 120_000);

  afterEach(async () => {
    await stopHost(host);
    host = undefined;
    for (const child of byHand.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
    live.cleanup();
  });

  it('5(e) replicas = 2 under 8 keep-alive clients, one replica SIGKILLed twice: only 200s, both replicas answered', async () => {
    live = makeLiveHome();
    live.plugin('qntx-svc', { name: 'svc', version: '1.0.0' });
    live.config([{ name: 'svc', binary: 'qntx-svc', extra: `replicas = 2\n${liveSettings()}` }]);
    ({ host, url } = await startLiveHost(live.home));
    const replicas = async (): Promise<ReplicaStatus[]> => (await pluginStatus(url, 'svc')).replicas as ReplicaStatus[];
    const started = await replicas();
    expect(started.map(({ replica, up, state }) => [replica, up, state])).toEqual([
      [0, true, 'running'],
      [1, true, 'running'],
    ]);

    const load = runLoad(url, '/api/svc', 8);
    await sleep(1500);
    for (let kill = 0; kill < 2; kill++) {
      const pid = (await replicas())[0].pid!;
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => !isAlive(pid), 5_000, 'the killed replica to be gone');
      let back = false;
      while (!back) {
        await sleep(100);
        const [first] = await replicas();
        back = first.up && first.pid !== pid;
      }
      await sleep(1000);
    }
    const samples = await load.stop();

    expect(samples.length).toBeGreaterThan(200);
    expect(samples.filter((sample) => sample.status !== 200)).toEqual([]);
    const after = await replicas();
    expect(after.map(({ replica, up, restarts }) => [replica, up, restarts])).toEqual([
      [0, true, 2],
      [1, true, 0],
    ]);
    const metrics = parseSamples((await send(`${url}/metrics`)).body.toString());
    expect(sampleValue(metrics, 'qntx_plugin_replica_up', { plugin: 'svc', replica: '0' })).toBe(1);
    expect(sampleValue(metrics, 'qntx_plugin_replica_up', { plugin: 'svc', replica: '1' })).toBe(1);
    const pids = new Set<number>();
    for (let i = 0; i < 6; i++) pids.add((JSON.parse((await send(`${url}/api/svc`)).body.toString()) as { pid: number }).pid);
    expect(pids).toEqual(new Set(after.map(({ pid }) => pid)));
  }, 120_000);

  it('5(f) an address list in grpc-js form spreads requests over both plugins and survives one going away', async () => {
    live = makeLiveHome();
    const one = await startByHand(live.plugin('qntx-svc-a', { name: 'svc', version: '1.0.0' }, 'work'));
    const two = await startByHand(live.plugin('qntx-svc-b', { name: 'svc', version: '1.0.0' }, 'work'));
    byHand.push(one.child, two.child);
    const list = `ipv4:${one.address},${two.address}`;
    writeFileSync(join(live.home, 'am.plugins.toml'), `[[plugins]]\nname = "svc"\naddress = "${list}"\n`);
    ({ host, url } = await startLiveHost(live.home));

    const load = runLoad(url, '/api/svc', 8);
    await sleep(1500);
    const before = await load.stop();
    expect(before.filter((sample) => sample.status !== 200)).toEqual([]);
    const answeredBy = async (): Promise<Set<number>> => {
      const pids = new Set<number>();
      for (let i = 0; i < 6; i++) pids.add((JSON.parse((await send(`${url}/api/svc`)).body.toString()) as { pid: number }).pid);
      return pids;
    };
    expect(await answeredBy()).toEqual(new Set([one.child.pid, two.child.pid]));

    const again = runLoad(url, '/api/svc', 8);
    await sleep(1000);
    two.child.kill('SIGKILL');
    await once(two.child, 'exit');
    await sleep(2000);
    const during = await again.stop();
    expect(during.filter((sample) => sample.status !== 200)).toEqual([]);
    expect(await answeredBy()).toEqual(new Set([one.child.pid]));
    const status = await pluginStatus(url, 'svc');
    expect((status.replicas as ReplicaStatus[]).map(({ replica, up, state }) => [replica, up, state])).toEqual([
      [0, true, 'running'],
      [1, false, 'unreachable'],
    ]);
    expect(status.health).toMatchObject({ healthy: true, message: expect.stringMatching(/^1 of 2 replicas up/) });
  }, 90_000);

  it('a dns:/// target: every address the name resolves to is a replica, connected to and initialized', async () => {
    live = makeLiveHome();
    const plugin = await startByHand(live.plugin('qntx-svc-a', { name: 'svc', version: '1.0.0' }, 'work'));
    byHand.push(plugin.child);
    const port = plugin.address.slice(plugin.address.lastIndexOf(':') + 1);
    writeFileSync(join(live.home, 'am.plugins.toml'), `[[plugins]]\nname = "svc"\naddress = "dns:///localhost:${port}"\n`);
    writeFileSync(join(live.home, 'am.svc.toml'), 'greeting = "from the host"\n');
    ({ host, url } = await startLiveHost(live.home));

    const answer = JSON.parse((await send(`${url}/api/svc`)).body.toString()) as { pid: number; greeting: string };
    expect(answer).toMatchObject({ pid: plugin.child.pid, greeting: 'from the host' }); // initialized with its settings
    const status = await pluginStatus(url, 'svc');
    expect(status.replicas).toEqual([expect.objectContaining({ replica: 0, up: true, address: `127.0.0.1:${port}` })]);
    expect(host!.readRuntimeFile().plugins[0].address).toBe(`127.0.0.1:${port}`);
  }, 60_000);
});
