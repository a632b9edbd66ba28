import { Agent, request as httpRequest } from 'node:http';
import { CODE_PLUGIN_MAIN, ensureBuilt, isAlive } from './support/process.helpers';
import { FAST_SUPERVISION, makeHome } from './support/supervised-host.fixture';
import { allGone, FaultHost, HOSTILE_PLUGIN, openFds, startFaultHost } from './support/fault-host.fixture';
import { send } from './support/http-client';

/**
 * Steady load through the built host on two launched plugins (the code plugin and a well-behaved
 * raw grpc-js plugin) while the code plugin is killed with SIGKILL twice. Bounded: at least
 * MIN_REQUESTS requests at concurrency CONCURRENCY, at most MAX_REQUESTS. The hostile plugins are
 * in test/fault/hostile-plugins.e2e-spec.ts.
 */
const CONCURRENCY = 8;
const MIN_REQUESTS = 1_500;
const MAX_REQUESTS = 6_000;
const REQUEST_TIMEOUT_MS = 2_000;

interface Outcome {
  plugin: 'code' | 'steady';
  status: number; // 0: the connection failed
  ms: number;
  error?: string;
}

function get(agent: Agent, url: string): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ status: 0, error: error.message }));
    });
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end();
  });
}

describe('a plugin killed with SIGKILL twice under steady load on two plugins', () => {
  let env: ReturnType<typeof makeHome>;
  let host: FaultHost;
  const outcomes: Outcome[] = [];
  const killed: number[] = [];
  let fdsBefore = 0;
  let fdsAfter = 0;
  let afterRecovery: number[] = [];
  let hostExitedDuringLoad = false;

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    host = await startFaultHost(
      env.home,
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${CODE_PLUGIN_MAIN}"`,
        `request_timeout_ms = ${REQUEST_TIMEOUT_MS}`,
        FAST_SUPERVISION,
        '',
        '[[plugins]]',
        'name = "steady"',
        `binary = "${HOSTILE_PLUGIN}"`,
        'env = { HOSTILE_MODE = "polite", HOSTILE_NAME = "steady" }',
        `request_timeout_ms = ${REQUEST_TIMEOUT_MS}`,
        FAST_SUPERVISION,
      ].join('\n') + '\n',
    );
    await host.waitForPlugin('code', ['running']);
    await host.waitForPlugin('steady', ['running']);
    void host.process.exited.then(() => (hostExitedDuringLoad = true));

    // Warm up (connections, lazy modules) before counting descriptors.
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    for (let i = 0; i < 50; i++) await get(agent, `${host.url}/api/${i % 2 ? 'code' : 'steady'}/x`);
    agent.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    fdsBefore = openFds(host.pid);

    const load = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let sent = 0;
    let killsDone = false;
    const worker = async (): Promise<void> => {
      while (sent < MAX_REQUESTS && (sent < MIN_REQUESTS || !killsDone)) {
        const plugin = sent++ % 2 === 0 ? 'code' : 'steady';
        const started = Date.now();
        const { status, error } = await get(load, `${host.url}/api/${plugin === 'code' ? 'code' : 'steady/x'}`);
        outcomes.push({ plugin, status, ms: Date.now() - started, error });
      }
    };
    const killer = async (): Promise<void> => {
      for (const at of [MIN_REQUESTS / 5, MIN_REQUESTS / 2]) {
        while (outcomes.length < at) await new Promise((resolve) => setTimeout(resolve, 5));
        const { pid } = await host.waitForPlugin('code', ['running']);
        process.kill(pid!, 'SIGKILL');
        killed.push(pid!);
        await host.waitForPlugin('code', ['restarting', 'starting', 'failed']);
      }
      await host.waitForPlugin('code', ['running']);
      killsDone = true;
    };
    await Promise.all([killer(), ...Array.from({ length: CONCURRENCY }, worker)]);
    load.destroy();

    for (let i = 0; i < 20; i++) afterRecovery.push((await send(`${host.url}/api/${i % 2 ? 'code' : 'steady/x'}`)).status);
    await new Promise((resolve) => setTimeout(resolve, 300)); // closed sockets leave the host's table
    fdsAfter = openFds(host.pid);
  }, 90_000);

  afterAll(async () => {
    const plugins = await host.plugins().catch(() => []);
    await host.stop();
    await allGone(plugins.map((p) => p.pid).filter((pid): pid is number => pid !== null));
    env.cleanup();
  });

  it('keeps the host running, answering only 200 or a fast 503 (no 500, no reset, none slower than the request timeout)', () => {
    expect(hostExitedDuringLoad).toBe(false);
    expect(isAlive(host.pid)).toBe(true);
    expect(killed).toHaveLength(2);
    expect(outcomes.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    const resets = outcomes.filter((o) => o.status === 0);
    expect(resets).toEqual([]);
    const others = outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    expect({ statuses, others: others.slice(0, 5), count: others.length }).toEqual({ statuses, others: [], count: 0 });
    expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0); // the kills were seen
    const slowest503 = Math.max(0, ...outcomes.filter((o) => o.status === 503).map((o) => o.ms));
    expect(slowest503).toBeLessThan(500);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('keeps the other plugin at 100% success', () => {
    const steady = outcomes.filter((o) => o.plugin === 'steady');
    expect(steady.length).toBeGreaterThanOrEqual(MIN_REQUESTS / 2);
    expect(steady.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('answers 200 everywhere after recovery, with no leaked process or file descriptor', async () => {
    expect(afterRecovery).toEqual(new Array(20).fill(200));
    await allGone(killed);
    const { pid } = await host.plugin('code');
    expect(killed).not.toContain(pid);
    expect(isAlive(pid!)).toBe(true);
    expect(Math.abs(fdsAfter - fdsBefore)).toBeLessThanOrEqual(4);
  });
});
