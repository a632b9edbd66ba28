import { describeMachine } from '../harness/machine.description';
import { loadavg } from 'node:os';
import { BenchReport } from '../harness/bench-report.interface';
import { writeResults } from '../harness/results.writer';
import { SoakArgs } from './soak-args';
import { SoakFigures } from './soak-figures.interface';
import { soak } from './soak.runner';
import { renderSoak } from './soak.report';
import { judgeSoak } from './soak.targets';

/** The results JSON of a soak: a bench report (its targets among `targets`) with the soak's figures under `soak`. */
export type SoakReport = BenchReport & { soak: SoakFigures };

/** `npm run bench -- --soak`: runs the soak, prints its tables and targets, writes bench/results/. */
export async function runSoak(args: SoakArgs, log: (line: string) => void): Promise<number> {
  const loadAverageStart = loadavg();
  const { figures, startedAt, finishedAt } = await soak(args, log);
  const targets = judgeSoak(figures);
  const report: SoakReport = {
    schema: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSec: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    machine: describeMachine(loadAverageStart),
    settings: { quick: false, durationSec: args.minutes * 60, rounds: 1, warmupSec: figures.plan.warmupSec, scenarios: ['soak'] },
    tools: [],
    contenders: [],
    scenarios: [],
    comparisons: [],
    targets,
    soak: figures,
  };
  const { machine } = report;
  const header =
    `Soak of ${report.startedAt}: ${args.minutes} min of load, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}; ` +
    `load average ${machine.loadAverageStart.map((n) => n.toFixed(2)).join(' / ')} at start, ${machine.loadAverageEnd.map((n) => n.toFixed(2)).join(' / ')} at end.`;
  console.log(renderSoak(figures, targets, header));
  const file = writeResults(report);
  log(`results written to ${file} and bench/results/latest.json (${report.wallSec.toFixed(0)} s in all)`);
  return 0;
}
