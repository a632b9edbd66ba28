import { KillFigures } from './plugin-killer';
import { SoakMetrics } from './host-metrics';
import { MinuteFigures } from './minute-buckets';
import { SoakPlan } from './soak-plan';
import { WsChurnCounts } from './ws-churn.load';

/** One minute of one phase: each traffic shape's figures, and the two processes at its end. */
export interface SoakMinute {
  phase: 'kill' | 'steady';
  mixed: MinuteFigures;
  churn: MinuteFigures;
  /** ok = opened; other = refused upgrades (by status) and failures. */
  ws: MinuteFigures;
  host: { rssMiB: number; fds: number } | null;
  plugin: { pid: number; rssMiB: number; fds: number } | null;
}

export interface ProcessPoint {
  pid: number;
  rssMiB: number;
  fds: number;
}

export interface ProcessTrendFigures {
  /** Least-squares slope over the steady phase's second half, MiB/min. */
  rssSlopeMiBPerMin: number | null;
  /** The same over the whole steady phase, for comparison. */
  rssSlopeWholeSteadyMiBPerMin: number | null;
  /** RSS at the start and end of that second half. */
  rssSecondHalfMiB: [number, number] | null;
  /** Highest RSS read during the soak (any of its processes, for the plugin). */
  peakRssMiB: number;
  /** Distinct pids seen during the steady phase (1 when the process lived through it). */
  steadyPids: number;
  /** The live heap left by each full GC (`--trace-gc`): a leak of objects shows here, whatever RSS does. */
  liveHeap: {
    slopeMiBPerMin: number | null;
    wholeSteadySlopeMiBPerMin: number | null;
    /** After the first and the last full GC of the second half. */
    secondHalfMiB: [number, number] | null;
    fullGcsInSecondHalf: number;
  };
}

/** Everything the soak measured; written under `soak` in the results JSON. */
export interface SoakFigures {
  plan: SoakPlan;
  minutes: SoakMinute[];
  /** Idle after the warm-up; for the plugin also idle after the kill phase (a new process). */
  baseline: { host: ProcessPoint; plugin: ProcessPoint; pluginAfterKills: ProcessPoint };
  /** Idle after the load stopped, once fds and gauges came back (or the settle time ran out). */
  end: { host: ProcessPoint; plugin: ProcessPoint; settledAfterSec: number | null };
  trend: { host: ProcessTrendFigures; plugin: ProcessTrendFigures };
  kills: KillFigures;
  ws: { kill: WsChurnCounts; steady: WsChurnCounts };
  metrics: SoakMetrics;
  /** Every reading (one a second): [seconds since the first reading, pid, RSS MiB, fds]. */
  readings: { host: [number, number, number, number][]; plugin: [number, number, number, number][] };
  totals: { mixed: number; churn: number; wsOpens: number };
}
