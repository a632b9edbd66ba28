import { describeMachine } from './harness/machine.description';
import { loadavg } from 'node:os';
import { BenchArgs, BenchArgsError, parseBenchArgs, USAGE } from './harness/bench-args';
import { BenchReport } from './harness/bench-report.interface';
import { autocannonLoad } from './harness/autocannon.load';
import { compare } from './harness/comparisons';
import { CONTENDERS, ContenderName, contenderSpec } from './harness/contender.catalog';
import { ContenderFleet } from './harness/contender.fleet';
import { runProfile } from './harness/profile.runner';
import { writeResults } from './harness/results.writer';
import { isHttp, Scenario, SCENARIOS } from './harness/scenario.catalog';
import { runSuite } from './harness/suite.runner';
import { ensureTool, NGINX, ToolStatus, WRK } from './harness/system-tools';
import { renderTables } from './harness/table.report';
import { judgeTargets } from './harness/targets';
import { wrkLoad } from './harness/wrk.load';
import { isSoak, parseSoakArgs, SOAK_USAGE } from './soak/soak-args';
import { runSoak } from './soak/soak.command';
import { LIVE_USAGE, runLiveChanges } from './live/live-changes.bench';

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (isSoak(argv)) return runSoak(parseSoakArgs(argv), log);
  if (argv.includes('--live')) return runLiveChanges(argv);
  const args = parseBenchArgs(argv);
  if (args.help || args.list) {
    console.log(args.help ? `${USAGE}\n\n${SOAK_USAGE}\n\n${LIVE_USAGE}` : listing());
    return 0;
  }
  const scenarios = selectScenarios(args);
  const contenders = selectContenders(args, scenarios);
  const fleet = new ContenderFleet(log);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the contenders`);
    void fleet.stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  if (args.profile) return runProfile(args, fleet, log);

  const startedAt = new Date();
  const loadAverageStart = loadavg();
  const needs = (name: ContenderName) => contenders.includes(name);
  const wantsWrk = scenarios.some((s) => isHttp(s) && s.generator === 'wrk');
  const wrk = wantsWrk ? ensureTool(WRK, args.install, log) : notNeeded('wrk');
  const nginx = needs('nginx') || needs('nginx-auto') || needs('guarded-nginx') || needs('fastify-guarded-nginx') ? ensureTool(NGINX, args.install, log) : notNeeded('nginx');
  try {
    await fleet.start(contenders, { tools: { nginx } });
    const results = await runSuite({
      args,
      scenarios,
      running: fleet.running,
      missing: fleet.missing,
      generators: { autocannon: autocannonLoad, wrk: wrk.available ? wrkLoad(wrk.path!) : null },
      wrkNote: wrk.note,
      log,
    });
    const comparisons = compare(results);
    const finishedAt = new Date();
    const report: BenchReport = {
      schema: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      wallSec: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      machine: describeMachine(loadAverageStart),
      settings: { quick: args.quick, durationSec: args.durationSec, rounds: args.rounds, warmupSec: args.warmupSec, scenarios: scenarios.map((s) => s.name) },
      tools: [wrk, nginx],
      contenders: CONTENDERS.map((spec) => ({
        name: spec.name,
        label: spec.label,
        description: spec.description,
        status: fleet.running.has(spec.name) ? 'measured' : contenders.includes(spec.name) ? 'unavailable' : 'not selected',
        note: fleet.missing.get(spec.name) ?? null,
      })),
      scenarios: results,
      comparisons,
      targets: judgeTargets(comparisons, results),
    };
    console.log(renderTables(report));
    const file = writeResults(report);
    log(`results written to ${file} and bench/results/latest.json (${report.wallSec.toFixed(0)} s in all)`);
    return 0;
  } finally {
    await fleet.stopAll();
  }
}

function selectScenarios(args: BenchArgs): Scenario[] {
  if (args.scenarios.length === 0) return SCENARIOS;
  const unknown = args.scenarios.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new BenchArgsError(`Unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  return SCENARIOS.filter((s) => args.scenarios.includes(s.name));
}

/** The contenders the selected scenarios use, narrowed by --contender, with the app behind each proxy; the plain app is always there. */
function selectContenders(args: BenchArgs, scenarios: Scenario[]): ContenderName[] {
  const unknown = args.contenders.filter((name) => !CONTENDERS.some((c) => c.name === name));
  if (unknown.length) throw new BenchArgsError(`Unknown contender ${unknown.join(', ')}; known: ${CONTENDERS.map((c) => c.name).join(', ')}.`);
  const used = new Set<ContenderName>(['plain']);
  for (const scenario of scenarios) if (isHttp(scenario) || scenario.kind === 'transfer' || scenario.kind === 'ws-echo') scenario.contenders.forEach((name) => used.add(name));
  if (args.profile) used.add('external');
  const chosen = new Set(
    CONTENDERS.filter((c) => used.has(c.name) && (c.name === 'plain' || args.contenders.length === 0 || args.contenders.includes(c.name))),
  );
  for (const spec of chosen) if (spec.upstream) chosen.add(contenderSpec(spec.upstream));
  return CONTENDERS.filter((c) => chosen.has(c)).map((c) => c.name);
}

function notNeeded(name: string): ToolStatus {
  return { name, available: false, path: null, version: null, note: 'not needed by the selected scenarios' };
}

function listing(): string {
  const scenarios = SCENARIOS.map((s) => `  ${s.name.padEnd(20)} ${s.title}${s.kind === 'pending' ? `  [not available yet: needs ${s.waitsFor}]` : ''}`);
  const contenders = CONTENDERS.map((c) => `  ${c.name.padEnd(20)} ${c.description}`);
  return ['Scenarios:', ...scenarios, '', 'Contenders:', ...contenders].join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error instanceof BenchArgsError ? error.message : error.stack ?? error.message) : String(error));
    process.exit(error instanceof BenchArgsError ? 2 : 1);
  },
);
