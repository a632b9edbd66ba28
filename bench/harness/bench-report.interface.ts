import { Comparison } from './comparisons';
import { ContenderName } from './contender.catalog';
import { ScenarioResult } from './measurement.interface';
import { ToolStatus } from './system-tools';
import { TargetResult } from './targets';

/** Everything a run produced: written as JSON, rendered as the stdout table and the Markdown summary. */
export interface BenchReport {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  wallSec: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMiB: number;
    node: string;
    platform: string;
    /** 1, 5 and 15 minute load averages: other work on the machine shows here. */
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  settings: { quick: boolean; durationSec: number; rounds: number; warmupSec: number; scenarios: string[] };
  tools: ToolStatus[];
  contenders: { name: ContenderName; label: string; description: string; status: 'measured' | 'unavailable' | 'not selected'; note: string | null }[];
  scenarios: ScenarioResult[];
  comparisons: Comparison[];
  targets: TargetResult[];
}
