import { cpus, loadavg, totalmem } from 'node:os';
import { BenchReport } from './bench-report.interface';

/** The machine a run measured on, for the results JSON; `loadAverageStart` is read when the run began. */
export function describeMachine(loadAverageStart: number[]): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageStart,
    loadAverageEnd: loadavg(),
  };
}
