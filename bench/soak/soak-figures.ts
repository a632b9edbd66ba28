import { MinuteBuckets } from './minute-buckets';
import { FullGc } from './gc-trace';
import { ProcessReading, ProcessTrend, slopePerMinute } from './process-trend';
import { ProcessTrendFigures, SoakMinute } from './soak-figures.interface';

/** One recorder per traffic shape, for one phase. */
export interface Recorders {
  mixed: MinuteBuckets;
  churn: MinuteBuckets;
  ws: MinuteBuckets;
}

/** The phase's minutes side by side, with the last reading of each process inside each minute. */
export function minuteRows(phase: SoakMinute['phase'], recorders: Recorders, trend: ProcessTrend): SoakMinute[] {
  const mixed = recorders.mixed.figures();
  const churn = recorders.churn.figures();
  const ws = recorders.ws.figures();
  const from = recorders.mixed.startedAt;
  return mixed.map((m, i) => {
    const end = from + (i * 60 + m.seconds) * 1000;
    const host = lastBefore(trend.host, end);
    const plugin = lastBefore(trend.plugin, end);
    return {
      phase,
      mixed: m,
      churn: churn[i],
      ws: ws[i],
      host: host && { rssMiB: host.rssMiB, fds: host.fds },
      plugin: plugin && { pid: plugin.pid, rssMiB: plugin.rssMiB, fds: plugin.fds },
    };
  });
}

function lastBefore(readings: ProcessReading[], at: number): ProcessReading | null {
  for (let i = readings.length - 1; i >= 0; i--) if (readings[i].at <= at) return readings[i];
  return null;
}

/**
 * RSS slope over the second half of the steady phase [from, to], and the context to read it by:
 * the same for the live heap after each full GC (what the process really holds, without the
 * heap V8 keeps committed or gives back, which moves RSS by tens of MiB either way).
 */
export function trendFigures(readings: ProcessReading[], gcs: FullGc[], from: number, to: number): ProcessTrendFigures {
  const half = from + (to - from) / 2;
  const rss = readings.map((r) => ({ at: r.at, value: r.rssMiB }));
  const live = gcs.map((gc) => ({ at: gc.at, value: gc.liveMiB }));
  const ends = <T>(list: T[], pick: (item: T) => number): [number, number] | null => (list.length ? [pick(list[0]), pick(list[list.length - 1])] : null);
  const secondHalf = readings.filter((r) => r.at >= half && r.at <= to);
  const secondHalfGcs = gcs.filter((gc) => gc.at >= half && gc.at <= to);
  return {
    rssSlopeMiBPerMin: slopePerMinute(rss, half, to),
    rssSlopeWholeSteadyMiBPerMin: slopePerMinute(rss, from, to),
    rssSecondHalfMiB: ends(secondHalf, (r) => r.rssMiB),
    peakRssMiB: Math.max(0, ...readings.map((r) => r.rssMiB)),
    steadyPids: new Set(readings.filter((r) => r.at >= from && r.at <= to).map((r) => r.pid)).size,
    liveHeap: {
      slopeMiBPerMin: slopePerMinute(live, half, to),
      wholeSteadySlopeMiBPerMin: slopePerMinute(live, from, to),
      secondHalfMiB: ends(secondHalfGcs, (gc) => gc.liveMiB),
      fullGcsInSecondHalf: secondHalfGcs.length,
    },
  };
}

/** The readings as compact rows, for the results JSON. */
export function readingRows(readings: ProcessReading[], from: number): [number, number, number, number][] {
  return readings.map((r) => [Math.round((r.at - from) / 100) / 10, r.pid, Math.round(r.rssMiB * 10) / 10, r.fds]);
}
