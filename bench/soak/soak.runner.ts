import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchHome, CODE_PLUGIN_MAIN, pause, spawnBenchHost, until200 } from '../scenarios/bench-host.process';
import { KILL_RECOVERY_SUPERVISION } from '../scenarios/kill-recovery.scenario';
import { connectionChurn } from './connection-churn.load';
import { FullGc, GC_TRACE_FLAGS, parseFullGc, tracedPluginLauncher } from './gc-trace';
import { readSoakMetrics } from './host-metrics';
import { MinuteBuckets } from './minute-buckets';
import { mixedHttp } from './mixed-http.load';
import { KillFigures, killPluginRepeatedly } from './plugin-killer';
import { pluginChildOf, ProcessTrend, readProcess } from './process-trend';
import { SoakArgs } from './soak-args';
import { ProcessPoint, SoakFigures } from './soak-figures.interface';
import { minuteRows, readingRows, Recorders, trendFigures } from './soak-figures';
import { SoakPlan, soakPlan } from './soak-plan';
import { fillSoakWorkspace, touchWorkspace } from './soak-workspace';
import { WsChurnCounts, wsChurn } from './ws-churn.load';

/**
 * The soak's am.plugins.toml: the code plugin (through `binary`, GC-traced) restarted quickly after
 * each kill, and no cap on one client's sockets.
 */
function soakPluginsToml(binary: string): string {
  return ['[[plugins]]', 'name = "code"', `binary = "${binary}"`, ...KILL_RECOVERY_SUPERVISION, '', '[host]', 'max_sockets_per_client = 0', ''].join('\n');
}

const IDLE_BEFORE_BASELINE_MS = 5_000;
/** The load a plugin restarted by the last kill gets before its own baseline. */
const PLUGIN_WARMUP_SEC = 10;

/** Runs every traffic shape at once for `seconds` (and the kills alongside, when asked). */
async function runMix(
  url: string,
  seconds: number,
  recorders: Recorders,
  kill?: { everySec: number; log: (line: string) => void },
): Promise<{ ws: WsChurnCounts; kills: KillFigures | null }> {
  const until = Date.now() + seconds * 1000;
  Object.values(recorders).forEach((r) => r.start());
  const [, , ws, kills] = await Promise.all([
    mixedHttp(url, seconds, recorders.mixed),
    connectionChurn(url, until, recorders.churn),
    wsChurn(url, until, recorders.ws),
    kill ? killPluginRepeatedly(url, kill.everySec, until, kill.log) : Promise.resolve(null),
  ]);
  Object.values(recorders).forEach((r) => r.stop());
  return { ws, kills };
}

const newRecorders = (): Recorders => ({ mixed: new MinuteBuckets(), churn: new MinuteBuckets(), ws: new MinuteBuckets() });

/** The plugin's pid once the host has one running again (after a kill). */
async function runningPlugin(hostPid: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const pid = pluginChildOf(hostPid);
    if (pid !== null) return pid;
    if (Date.now() > deadline) throw new Error('the host has no code plugin running 15 s after the load');
    await pause(100);
  }
}

function point(pid: number): ProcessPoint {
  const reading = readProcess(pid);
  if (!reading) throw new Error(`process ${pid} is gone`);
  return { pid, rssMiB: reading.rssMiB, fds: reading.fds };
}

/**
 * After the load: waits (up to the plan's settle time) until every in-flight gauge reads 0 and
 * both processes are back to their baseline fds, then reads them.
 */
async function settle(url: string, hostPid: number, plan: SoakPlan, baseline: { host: ProcessPoint; pluginAfterKills: ProcessPoint }) {
  const started = Date.now();
  for (;;) {
    const metrics = await readSoakMetrics(url);
    const pluginPid = await runningPlugin(hostPid);
    const host = point(hostPid);
    const plugin = point(pluginPid);
    const settled =
      metrics.inFlight.every((s) => s.value === 0) && host.fds <= baseline.host.fds && plugin.fds <= baseline.pluginAfterKills.fds;
    const elapsedSec = (Date.now() - started) / 1000;
    if (settled || elapsedSec >= plan.settleSec) return { host, plugin, metrics, settledAfterSec: settled ? elapsedSec : null };
    await pause(1000);
  }
}

export interface SoakOutcome {
  figures: SoakFigures;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * The soak of issue 24: the built host launching the code plugin (restart backoff 50 ms, no
 * per-client socket cap) on a generated workspace, under mixed HTTP, connection churn and
 * WebSocket churn at once; kill -9s of the plugin in the first part; see soak-plan.ts.
 */
export async function soak(args: SoakArgs, log: (line: string) => void): Promise<SoakOutcome> {
  const plan = soakPlan(args.minutes);
  const startedAt = new Date();
  const { home, cleanup } = benchHome();
  writeFileSync(join(home, 'am.plugins.toml'), soakPluginsToml(tracedPluginLauncher(home, CODE_PLUGIN_MAIN)));
  const workspace = join(home, 'workspace');
  fillSoakWorkspace(workspace);
  const fullGcs: FullGc[] = [];
  const host = spawnBenchHost(home, {
    nodeFlags: GC_TRACE_FLAGS,
    onOutput: (line) => {
      const gc = parseFullGc(line);
      if (gc) fullGcs.push(gc);
    },
  });
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the soak's host`);
    void host.stop().finally(() => {
      cleanup();
      process.exit(130);
    });
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const toucher = touchWorkspace(workspace);
  const hostPid = host.child.pid!;
  const trend = new ProcessTrend(hostPid);
  try {
    const url = await host.url();
    await until200(`${url}/api/code`, 20_000);
    log(`soak: host ${url} (pid ${hostPid}), ${args.minutes} min of load: warm-up ${plan.warmupSec} s, kills ${plan.killSec} s (every ${plan.killEverySec} s), steady ${plan.steadySec} s`);
    trend.start();

    await runMix(url, plan.warmupSec, newRecorders());
    await pause(IDLE_BEFORE_BASELINE_MS);
    const baselineHost = point(hostPid);
    const baselinePlugin = point(await runningPlugin(hostPid));
    log(`soak: baseline host ${baselineHost.fds} fds ${baselineHost.rssMiB.toFixed(0)} MiB, plugin ${baselinePlugin.fds} fds ${baselinePlugin.rssMiB.toFixed(0)} MiB`);

    const killRecorders = newRecorders();
    const killPhase = await runMix(url, plan.killSec, killRecorders, { everySec: plan.killEverySec, log });
    const kills = killPhase.kills!;
    log(`soak: ${kills.kills} kills, recovery median ${median(kills.recoveryMs).toFixed(0)} ms`);
    // The new plugin opens some of what it holds (its workspace watch, say) on first use: it gets
    // a short warm-up of its own before its baseline.
    await runningPlugin(hostPid);
    await runMix(url, PLUGIN_WARMUP_SEC, newRecorders());
    await pause(IDLE_BEFORE_BASELINE_MS);
    const pluginAfterKills = point(await runningPlugin(hostPid));
    log(`soak: after the kills, plugin ${pluginAfterKills.fds} fds ${pluginAfterKills.rssMiB.toFixed(0)} MiB`);

    const steadyRecorders = newRecorders();
    const steadyFrom = Date.now();
    const steady = await runMix(url, plan.steadySec, steadyRecorders);
    const steadyTo = Date.now();
    log('soak: load stopped; waiting for the gauges and fds to come back');

    const end = await settle(url, hostPid, plan, { host: baselineHost, pluginAfterKills });
    trend.stop();
    const rows = [...minuteRows('kill', killRecorders, trend), ...minuteRows('steady', steadyRecorders, trend)];
    const figures: SoakFigures = {
      plan,
      minutes: rows,
      baseline: { host: baselineHost, plugin: baselinePlugin, pluginAfterKills },
      end: { host: end.host, plugin: end.plugin, settledAfterSec: end.settledAfterSec },
      trend: {
        host: trendFigures(trend.host, fullGcs.filter((gc) => gc.pid === hostPid), steadyFrom, steadyTo),
        plugin: trendFigures(trend.plugin, fullGcs.filter((gc) => gc.pid !== hostPid), steadyFrom, steadyTo),
      },
      kills,
      ws: { kill: killPhase.ws, steady: steady.ws },
      metrics: end.metrics,
      readings: { host: readingRows(trend.host, trend.host[0].at), plugin: readingRows(trend.plugin, trend.host[0].at) },
      totals: totals([killRecorders, steadyRecorders]),
    };
    return { figures, startedAt, finishedAt: new Date() };
  } finally {
    trend.stop();
    toucher.stop();
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    await host.stop();
    cleanup();
  }
}

function totals(phases: Recorders[]): SoakFigures['totals'] {
  const sum = (pick: (r: Recorders) => MinuteBuckets, ok = false) =>
    phases.reduce((a, r) => a + pick(r).figures().reduce((b, m) => b + (ok ? m.ok : m.count), 0), 0);
  return { mixed: sum((r) => r.mixed), churn: sum((r) => r.churn), wsOpens: sum((r) => r.ws, true) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : NaN;
}
