/** A scenario timed with a stopwatch (not a load generator): one sample per repetition, in ms. */
export interface TimedScenario {
  kind: 'timed';
  name: string;
  title: string;
  /** The target: the median sample at most this many ms. */
  target: { id: string; description: string; atMostMs: number };
  /** Takes `samples` measurements (the first ones may warm up inside); returns them and any note. */
  run(samples: number, log: (line: string) => void): Promise<TimedRun>;
}

export interface TimedRun {
  samplesMs: number[];
  /** A baseline measured alongside (e.g. `node -e 0`), in ms per sample. */
  baselineMs?: number[];
  baselineLabel?: string;
  note: string;
}
