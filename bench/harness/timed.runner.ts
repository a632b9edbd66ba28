import { TimedScenario } from '../scenarios/timed-scenario.interface';
import { BenchArgs } from './bench-args';
import { ScenarioResult } from './measurement.interface';
import { spread } from './spread';

/** Samples per stopwatch scenario: a few in --quick, more by default (each takes about a second). */
export function timedSamples(args: BenchArgs): number {
  return args.quick ? 5 : Math.max(10, args.rounds * 3);
}

/** Runs a stopwatch scenario after the load scenarios, filling `result.timing`; a failure becomes its note. */
export async function runTimed(scenario: TimedScenario, result: ScenarioResult, args: BenchArgs, log: (line: string) => void): Promise<void> {
  try {
    const run = await scenario.run(timedSamples(args), log);
    result.timing = {
      samplesMs: run.samplesMs,
      ms: spread(run.samplesMs),
      baselineLabel: run.baselineLabel ?? null,
      baselineMs: run.baselineMs ? spread(run.baselineMs) : null,
    };
    result.note = run.note;
  } catch (error) {
    result.status = 'skipped';
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    log(`${scenario.name} ${result.note}`);
  }
}
