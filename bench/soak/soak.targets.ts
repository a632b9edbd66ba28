import { fmt } from '../harness/comparisons';
import { TargetResult } from '../harness/targets';
import { SoakFigures } from './soak-figures.interface';
import { liveHeap } from './soak.report';

export const RSS_GROWTH_MAX_MIB_PER_MIN = 1;
export const OPENS_DRIFT_MAX = 0.2;
export const PLUGIN_RSS_MAX_MIB = 300;
/** A minute shorter than this (the phase's last) is too short to judge the opening rate on. */
const MIN_JUDGED_SECONDS = 30;

const signed = (value: number, digits = 2): string => `${value >= 0 ? '+' : ''}${fmt(value, digits)}`;

/** The soak's targets (issue 24, point 5; and point 1's plugin RSS ceiling), judged on one run. */
export function judgeSoak(f: SoakFigures): TargetResult[] {
  return [rssGrowth(f), fdsBack(f), inFlightZero(f), opensStable(f), pluginRssCeiling(f)];
}

function rssGrowth(f: SoakFigures): TargetResult {
  const id = 'soak-rss-growth';
  const description = `soak: RSS growth ≤ ${RSS_GROWTH_MAX_MIB_PER_MIN} MiB/min after warm-up (slope over the steady phase's second half), host and plugin`;
  const { host, plugin } = f.trend;
  if (host.rssSlopeMiBPerMin === null || plugin.rssSlopeMiBPerMin === null) {
    return { id, description, status: 'not measured', value: null, figure: 'too few readings in the steady phase' };
  }
  const value = Math.max(host.rssSlopeMiBPerMin, plugin.rssSlopeMiBPerMin);
  const part = (name: string, t: typeof host) =>
    `${name} ${signed(t.rssSlopeMiBPerMin!)} MiB/min (${fmt(t.rssSecondHalfMiB![0], 0)} → ${fmt(t.rssSecondHalfMiB![1], 0)} MiB; ` +
    `whole steady phase ${signed(t.rssSlopeWholeSteadyMiBPerMin!)}; live heap ${liveHeap(t)})`;
  const replaced = plugin.steadyPids > 1 ? `; the plugin was replaced during the steady phase (${plugin.steadyPids} pids)` : '';
  return {
    id,
    description,
    status: value <= RSS_GROWTH_MAX_MIB_PER_MIN && plugin.steadyPids === 1 ? 'met' : 'not met',
    value,
    figure: `${part('host', host)}; ${part('plugin', plugin)}${replaced}`,
  };
}

function fdsBack(f: SoakFigures): TargetResult {
  const { baseline, end } = f;
  const hostOver = end.host.fds - baseline.host.fds;
  const pluginOver = end.plugin.fds - baseline.pluginAfterKills.fds;
  const figure =
    `host ${baseline.host.fds} → ${end.host.fds} fds; plugin ${baseline.pluginAfterKills.fds} → ${end.plugin.fds} ` +
    `(the plugin running after the kills; the first one had ${baseline.plugin.fds})` +
    (end.settledAfterSec !== null ? `; back ${fmt(end.settledAfterSec, 0)} s after the load` : `; not back within ${f.plan.settleSec} s`);
  return {
    id: 'soak-fds-baseline',
    description: 'soak: host and plugin file descriptors back to their idle baseline once the load stops',
    status: hostOver <= 0 && pluginOver <= 0 ? 'met' : 'not met',
    value: Math.max(hostOver, pluginOver),
    figure,
  };
}

function inFlightZero(f: SoakFigures): TargetResult {
  const series = f.metrics.inFlight;
  const value = series.reduce((a, s) => a + s.value, 0);
  return {
    id: 'soak-in-flight-zero',
    description: 'soak: every qntx_http_requests_in_flight gauge back to 0 once the load stops',
    status: series.length > 0 && series.every((s) => s.value === 0) ? 'met' : series.length === 0 ? 'not measured' : 'not met',
    value,
    figure: series.length ? series.map((s) => `{${s.labels}} ${s.value}`).join(', ') : 'no qntx_http_requests_in_flight series in /metrics',
  };
}

function opensStable(f: SoakFigures): TargetResult {
  const id = 'soak-ws-opens-stable';
  const description = `soak: WebSocket opens per minute within ${OPENS_DRIFT_MAX * 100} % of the first minute (steady phase)`;
  const minutes = f.minutes.filter((m) => m.phase === 'steady' && m.ws.seconds >= MIN_JUDGED_SECONDS);
  if (minutes.length < 2) return { id, description, status: 'not measured', value: null, figure: 'fewer than two steady minutes: run a longer soak' };
  const perMinute = minutes.map((m) => (m.ws.ok * 60) / m.ws.seconds);
  const first = perMinute[0];
  const drifts = perMinute.map((n) => (first > 0 ? n / first - 1 : NaN));
  const worst = drifts.reduce((a, d) => (Math.abs(d) > Math.abs(a) ? d : a), 0);
  return {
    id,
    description,
    status: first > 0 && Math.abs(worst) <= OPENS_DRIFT_MAX ? 'met' : 'not met',
    value: worst,
    figure:
      `${perMinute.map((n) => fmt(n, 0)).join(', ')} opens/min; furthest ${signed(worst * 100, 1)} % from the first ` +
      `(mixed HTTP in the same minutes: ${minutes.map((m) => fmt(m.mixed.perMinute / 60, 0)).join(', ')} req/s)`,
  };
}

function pluginRssCeiling(f: SoakFigures): TargetResult {
  const peak = f.trend.plugin.peakRssMiB;
  return {
    id: 'soak-plugin-rss-ceiling',
    description: `soak: plugin RSS under ${PLUGIN_RSS_MAX_MIB} MiB through the WebSocket churn (issue 24, point 1)`,
    status: peak < PLUGIN_RSS_MAX_MIB ? 'met' : 'not met',
    value: peak,
    figure: `peak ${fmt(peak, 0)} MiB over ${f.totals.wsOpens} sockets opened`,
  };
}
