import { fmt } from '../harness/comparisons';
import { TargetResult } from '../harness/targets';
import { MinuteFigures } from './minute-buckets';
import { CHURN_CLIENTS } from './connection-churn.load';
import { MIXED_CONNECTIONS } from './mixed-http.load';
import { ProcessTrendFigures, SoakFigures } from './soak-figures.interface';
import { WS_CLIENTS } from './ws-churn.load';

const perSec = (m: MinuteFigures): string => fmt(m.perMinute / 60, 0);
/** Outcomes other than ok, e.g. "503 ×41, error ×2"; empty when none. */
const others = (m: MinuteFigures): string =>
  Object.entries(m.other)
    .map(([what, n]) => `${what} ×${n}`)
    .join(', ');

const trendCells = (t: ProcessTrendFigures): string =>
  `${fmt(t.rssSlopeMiBPerMin, 2)} MiB/min | ${fmt(t.rssSlopeWholeSteadyMiBPerMin, 2)} MiB/min | ${fmt(t.peakRssMiB, 0)} | ${liveHeap(t)}`;

/** "27.6 → 27.9 MiB, +0.10 MiB/min (9 full GCs)". */
export function liveHeap(t: ProcessTrendFigures): string {
  const { secondHalfMiB, slopeMiBPerMin, fullGcsInSecondHalf } = t.liveHeap;
  if (!secondHalfMiB) return 'no full GC';
  return `${fmt(secondHalfMiB[0], 1)} → ${fmt(secondHalfMiB[1], 1)} MiB, ${fmt(slopeMiBPerMin, 2)} MiB/min (${fullGcsInSecondHalf} full GCs)`;
}

/** The soak as Markdown (stdout and the bench README): per-minute table, processes, gauges, targets. */
export function renderSoak(f: SoakFigures, targets: TargetResult[], header: string): string {
  const out = [header, ''];
  out.push(
    `Load, all at once: autocannon on ${MIXED_CONNECTIONS} keep-alive connections (file GETs, \`GET /api/code\`, 404s); ` +
      `${CHURN_CLIENTS} clients each sending one request per new connection (\`Connection: close\`); ` +
      `${WS_CLIENTS} clients opening and ending \`/ws/code/watch\` sockets in turn. ` +
      `Warm-up ${fmt(f.plan.warmupSec, 0)} s (not shown), kill phase ${fmt(f.plan.killSec, 0)} s with a kill -9 of the plugin every ${f.plan.killEverySec} s, steady phase ${fmt(f.plan.steadySec, 0)} s.`,
    '',
    '| phase | min | mixed req/s | p99 ms | churn req/s | p99 ms | ws opens/min | open p99 ms | host RSS MiB / fds | plugin RSS MiB / fds | not ok |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  );
  for (const m of f.minutes) {
    const partial = Math.abs(m.mixed.seconds - 60) >= 0.5 ? ` (${fmt(m.mixed.seconds, 0)} s)` : '';
    const notOk = [['mixed', others(m.mixed)], ['churn', others(m.churn)], ['ws', others(m.ws)]]
      .filter(([, text]) => text)
      .map(([shape, text]) => `${shape}: ${text}`)
      .join('; ');
    out.push(
      `| ${m.phase} | ${m.mixed.minute}${partial} | ${perSec(m.mixed)} | ${fmt(m.mixed.p99Ms, 1)} | ${perSec(m.churn)} | ${fmt(m.churn.p99Ms, 1)} | ` +
        `${fmt((m.ws.ok * 60) / m.ws.seconds, 0)} | ${fmt(m.ws.p99Ms, 1)} | ${m.host ? `${fmt(m.host.rssMiB, 0)} / ${m.host.fds}` : '—'} | ` +
        `${m.plugin ? `${fmt(m.plugin.rssMiB, 0)} / ${m.plugin.fds}` : '—'} | ${notOk || '—'} |`,
    );
  }
  const { baseline, end, trend, kills, metrics, ws } = f;
  const recovery = [...kills.recoveryMs].sort((a, b) => a - b);
  out.push(
    '',
    `Totals: ${f.totals.mixed} mixed requests, ${f.totals.churn} churned connections, ${f.totals.wsOpens} WebSockets opened ` +
      `(${Object.entries(ws.steady.byEnding).map(([how, n]) => `${how} ${n}`).join(', ')} in the steady phase; ` +
      `${ws.steady.events} change events received; ${ws.kill.timedOut + ws.steady.timedOut} sockets destroyed after 5 s without what they waited for). ` +
      `${kills.kills} kills, the plugin running again after ${fmt(recovery[recovery.length >> 1], 0)} ms median (max ${fmt(recovery[recovery.length - 1], 0)})` +
      `${kills.notRecovered ? `, ${kills.notRecovered} not within 15 s` : ''}; host restarts counted ${metrics.restarts}.`,
    '',
    '| process | idle baseline RSS MiB / fds | end RSS MiB / fds | RSS slope, steady 2nd half | whole steady phase | peak RSS MiB | live heap after full GCs, 2nd half |',
    '|---|--:|--:|--:|--:|--:|--:|',
    `| host | ${fmt(baseline.host.rssMiB, 0)} / ${baseline.host.fds} | ${fmt(end.host.rssMiB, 0)} / ${end.host.fds} | ${trendCells(trend.host)} |`,
    `| plugin | ${fmt(baseline.pluginAfterKills.rssMiB, 0)} / ${baseline.pluginAfterKills.fds} (first process: ${fmt(baseline.plugin.rssMiB, 0)} / ${baseline.plugin.fds}) | ` +
      `${fmt(end.plugin.rssMiB, 0)} / ${end.plugin.fds} | ${trendCells(trend.plugin)} |`,
    '',
    `/metrics at the end: in flight ${metrics.inFlight.map((s) => `{${s.labels}} ${s.value}`).join(', ') || 'none'}; ` +
      `${metrics.aborted} requests counted aborted; ${metrics.webSocketsOpen} WebSockets open.`,
    '',
    '| target | status | figure |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.description} | **${t.status}** | ${t.figure} |`),
  );
  return `${out.join('\n')}\n`;
}
