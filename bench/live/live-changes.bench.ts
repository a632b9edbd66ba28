/**
 * Issue 20, point 6: what changing plugins on a running host costs the clients.
 *
 *   upgrade-under-load  the built host launches the code plugin; 8 keep-alive clients GET a file
 *                       through it; mid-run the plugin is upgraded (POST /api/plugins/code/upgrade:
 *                       a new generation beside the old one, the switch, the old one drained).
 *                       Reports failed requests (target 0) and p99 latency in the switch window
 *                       against the steady state before it (target ≤ 2×).
 *   kill-under-load     the same with replicas = 2, one replica SIGKILLed twice. Reports non-200
 *                       answers (target 0).
 *
 * Run after `npm run build`:
 *   npm run bench -- --live [--seconds 12]
 * Prints one table and writes bench/results/live-changes-<timestamp>.json.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';
import { HOST_MAIN, benchHome } from '../scenarios/bench-host.process';

const ROOT = repoRoot();
const CLIENTS = 8;

interface Sample {
  start: number;
  end: number;
  status: number;
}

interface ScenarioResult {
  scenario: string;
  requests: number;
  failed: number;
  steadyP99Ms: number | null;
  switchP99Ms: number | null;
  targets: Record<string, { target: string; met: boolean }>;
  notes: string[];
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Supervision for both scenarios: quick health checks and restarts, short probation and drain. */
const LIVE_SUPERVISION = ['health_interval_ms = 500', 'restart_backoff_ms = 100', 'probation_ms = 2000', 'drain_timeout_ms = 2000'];

async function startHost(home: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [HOST_MAIN], {
    env: { ...process.env, QNTX_HOME: home, PORT: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!/Host listening on/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The host did not start:\n${output}`);
    await sleep(100);
  }
  const runtime = JSON.parse(readFileSync(join(home, 'run', 'host.json'), 'utf8')) as { url: string };
  return { child, url: runtime.url };
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** CLIENTS keep-alive clients GETting `path` back to back until stopped; every answer timed. */
function load(url: string, path: string): { stop(): Promise<Sample[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const samples: Sample[] = [];
  let running = true;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const start = performance.now();
      const done = (status: number): void => {
        samples.push({ start, end: performance.now(), status });
        resolve();
      };
      const req = request(`${url}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(0));
      });
      req.on('error', () => done(0));
      req.end();
    });
  const loops = Array.from({ length: CLIENTS }, async () => {
    while (running) await one();
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return samples;
    },
  };
}

async function post(url: string, path: string): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method: 'POST' });
  return res.json();
}

async function replicaPids(url: string): Promise<(number | null)[]> {
  const res = await fetch(`${url}/api/plugins`);
  const { plugins } = (await res.json()) as { plugins: { name: string; replicas?: { pid: number | null; up: boolean }[] }[] };
  return (plugins.find((p) => p.name === 'code')?.replicas ?? []).map((replica) => (replica.up ? replica.pid : null));
}

async function upgradeUnderLoad(seconds: number): Promise<ScenarioResult> {
  const { home, cleanup } = benchHome(LIVE_SUPERVISION);
  const { child, url } = await startHost(home);
  try {
    const running = load(url, '/api/code/files/hello.txt');
    await sleep((seconds * 1000) / 2);
    const switchStart = performance.now();
    const change = (await post(url, '/api/plugins/code/upgrade')) as { outcome?: string };
    const switchEnd = performance.now();
    await sleep(Math.max(1000, (seconds * 1000) / 2 - (switchEnd - switchStart)));
    const samples = await running.stop();
    const latency = (s: Sample): number => s.end - s.start;
    const steady = samples.filter((s) => s.end < switchStart).map(latency);
    const during = samples.filter((s) => s.end >= switchStart && s.start <= switchEnd).map(latency);
    const failed = samples.filter((s) => s.status !== 200).length;
    const steadyP99Ms = percentile(steady, 99);
    const switchP99Ms = percentile(during, 99);
    return {
      scenario: 'upgrade-under-load',
      requests: samples.length,
      failed,
      steadyP99Ms,
      switchP99Ms,
      targets: {
        'failed requests': { target: '0', met: failed === 0 },
        'p99 in the switch ≤ 2× steady': {
          target: '≤ 2×',
          met: steadyP99Ms !== null && switchP99Ms !== null && switchP99Ms <= 2 * steadyP99Ms,
        },
      },
      notes: [`upgrade outcome: ${change.outcome ?? JSON.stringify(change)}`, `switch window ${Math.round(switchEnd - switchStart)} ms (start, checks, switch, probation)`],
    };
  } finally {
    await stopHost(child);
    cleanup();
  }
}

async function killUnderLoad(seconds: number): Promise<ScenarioResult> {
  const { home, cleanup } = benchHome([...LIVE_SUPERVISION, 'replicas = 2']);
  const { child, url } = await startHost(home);
  try {
    const running = load(url, '/api/code/files/hello.txt');
    const pause = (seconds * 1000) / 3;
    const killed: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      await sleep(pause);
      const [pid] = await replicaPids(url);
      if (pid) {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      }
    }
    await sleep(pause);
    const samples = await running.stop();
    const failed = samples.filter((s) => s.status !== 200).length;
    const latencies = samples.map((s) => s.end - s.start);
    return {
      scenario: 'kill-under-load (replicas = 2)',
      requests: samples.length,
      failed,
      steadyP99Ms: percentile(latencies, 99),
      switchP99Ms: null,
      targets: { 'non-200 answers': { target: '0', met: failed === 0 && killed.length === 2 } },
      notes: [`SIGKILLed replica 0 twice (pids ${killed.join(', ')})`],
    };
  } finally {
    await stopHost(child);
    cleanup();
  }
}

export const LIVE_USAGE = `Live changes (issue 20): npm run bench -- --live [--seconds <s>]
  upgrade-under-load and kill-under-load (replicas = 2) through the built host, 8 keep-alive clients;
  needs npm run build first. Exit code 1 when a target is not met.`;

/** `--live`: both scenarios, one after the other; 0 when every target is met, else 1. */
export async function runLiveChanges(argv: string[]): Promise<number> {
  const at = argv.indexOf('--seconds');
  const seconds = at >= 0 ? Number(argv[at + 1]) : 12;
  if (!Number.isFinite(seconds) || seconds < 4) throw new Error(`--seconds must be a number of at least 4, got ${JSON.stringify(argv[at + 1])}.\n\n${LIVE_USAGE}`);
  const results = [await upgradeUnderLoad(seconds), await killUnderLoad(seconds)];
  const fmt = (ms: number | null): string => (ms === null ? '–' : `${ms.toFixed(1)} ms`);
  for (const result of results) {
    process.stdout.write(
      `${result.scenario}: ${result.requests} requests, ${result.failed} failed; p99 steady ${fmt(result.steadyP99Ms)}` +
        `${result.switchP99Ms === null ? '' : `, in the switch ${fmt(result.switchP99Ms)}`}\n`,
    );
    for (const [name, { target, met }] of Object.entries(result.targets)) process.stdout.write(`  ${met ? 'met    ' : 'NOT MET'} ${name} (${target})\n`);
    for (const note of result.notes) process.stdout.write(`  ${note}\n`);
  }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `live-changes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ clients: CLIENTS, seconds, results }, null, 2)}\n`);
  process.stdout.write(`Results in ${file}\n`);
  return results.some((result) => Object.values(result.targets).some(({ met }) => !met)) ? 1 : 0;
}
