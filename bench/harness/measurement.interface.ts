import { Spread } from './spread';
import { ContenderName } from './contender.catalog';

/** One contender, one scenario, one round. */
export interface Measurement {
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Body MiB/s each way, for scenarios with a payload. */
  mibPerSec: number | null;
  /** CPU time of the contender's whole stack per request, µs (less noisy than req/s on a shared machine). */
  cpuUsPerReq: number;
  /** Resident memory of the stack after the measurement, MiB. */
  rssMiB: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface ContenderSummary {
  reqPerSec: Spread | null;
  p50Ms: Spread | null;
  p99Ms: Spread | null;
  mibPerSec: Spread | null;
  cpuUsPerReq: Spread | null;
  rssMiB: Spread | null;
  /** req/s over the floor's (the plain app's, or the scenario's `floor`) in the same round. */
  ratioToFloor: Spread | null;
  /** A note when some rounds had errors or non-2xx answers. */
  problems: string | null;
}

export interface ScenarioResult {
  name: string;
  title: string;
  status: 'measured' | 'not available yet' | 'skipped';
  note: string | null;
  connections?: number;
  generator?: string;
  /** The contender ×floor divides by, when it is not the plain app. */
  floor?: ContenderName;
  measurements: Partial<Record<ContenderName, Measurement[]>>;
  /** For a stopwatch scenario (cold start, recovery, CLI): its samples and their spread, in ms. */
  timing?: TimingResult;
  /** For a transfer scenario (1 GiB up or down): per contender. */
  transfer?: Partial<Record<ContenderName, TransferSummary>>;
  /** For a WebSocket echo scenario: per contender. */
  wsEcho?: Partial<Record<ContenderName, WsEchoSummary>>;
  summary: Partial<Record<ContenderName, ContenderSummary>>;
  /** The code-search scenario's own figures (it measures searches, not HTTP load). */
  codeSearch?: CodeSearchFigures;
}

export interface CodeSearchRound {
  round: number;
  gitGrepMs: number;
  pluginMs: number;
  /** Code plugin time over git grep time, in this round. */
  ratio: number;
}

export interface CodeSearchFigures {
  tree: { files: number; mib: number; expectedLines: number };
  /** Matching lines each reported (both should equal expectedLines). */
  matches: { gitGrep: number; plugin: number };
  rounds: CodeSearchRound[];
  gitGrepMs: Spread | null;
  pluginMs: Spread | null;
  ratio: Spread | null;
}

export interface TimingResult {
  samplesMs: number[];
  ms: Spread | null;
  baselineLabel: string | null;
  baselineMs: Spread | null;
}

export interface TransferSummary {
  mibPerSec: Spread | null;
  /** Peak host RSS during the transfer minus the RSS just before it, MiB. */
  rssGrowthMiB: Spread | null;
  /** The host's VmHWM after the transfers (its peak since start, earlier scenarios included), MiB. */
  hostVmHwmMiB: number;
}

export interface WsEchoSummary {
  roundTripsPerSec: Spread | null;
  p50Ms: Spread | null;
  p99Ms: Spread | null;
  /** CPU of the serving processes per round trip, µs (absent in results written before it existed). */
  cpuUsPerRoundTrip?: Spread | null;
}
