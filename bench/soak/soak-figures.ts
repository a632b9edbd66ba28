import { MinuteBuckets } from './minute-buckets';
import { ProcessReading, ProcessTrend, rssSlopeMiBPerMin } from './process-trend';
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

/** RSS slope over the second half of the steady phase [from, to], and the context to read it by. */
export function trendFigures(readings: ProcessReading[], from: number, to: number): ProcessTrendFigures {
  const half = from + (to - from) / 2;
  const secondHalf = readings.filter((r) => r.at >= half && r.at <= to);
  return {
    rssSlopeMiBPerMin: rssSlopeMiBPerMin(readings, half, to),
    rssSlopeWholeSteadyMiBPerMin: rssSlopeMiBPerMin(readings, from, to),
    rssSecondHalfMiB: secondHalf.length ? [secondHalf[0].rssMiB, secondHalf[secondHalf.length - 1].rssMiB] : null,
    peakRssMiB: Math.max(0, ...readings.map((r) => r.rssMiB)),
    steadyPids: new Set(readings.filter((r) => r.at >= from && r.at <= to).map((r) => r.pid)).size,
  };
}

/** The readings as compact rows, for the results JSON. */
export function readingRows(readings: ProcessReading[], from: number): [number, number, number, number][] {
  return readings.map((r) => [Math.round((r.at - from) / 100) / 10, r.pid, Math.round(r.rssMiB * 10) / 10, r.fds]);
}
