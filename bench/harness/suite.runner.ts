import { BenchArgs } from './bench-args';
import { ContenderName, RunningContender } from './contender.catalog';
import { LoadGenerator } from './load.interface';
import { ContenderSummary, Measurement, ScenarioResult } from './measurement.interface';
import { sampleProcesses } from './proc-stats';
import { HttpScenario, isCodeSearch, isHttp, Scenario } from './scenario.catalog';
import { runCodeSearch } from './code-search.runner';
import { spread } from './spread';
import { runTimed } from './timed.runner';
import { runTransfer } from './transfer.runner';
import { runWsEcho } from './ws-echo.runner';

const MiB = 1024 * 1024;

export interface SuiteInput {
  args: BenchArgs;
  scenarios: Scenario[];
  running: Map<ContenderName, RunningContender>;
  /** Why a contender is missing (not installed, failed to start, not selected). */
  missing: Map<ContenderName, string>;
  generators: { autocannon: LoadGenerator; wrk: LoadGenerator | null };
  wrkNote: string;
  log(line: string): void;
}

/**
 * Runs the rounds. In each round every scenario measures each of its contenders once, in an order
 * rotated from round to round, so a burst of noise on the shared machine hits every contender
 * alike and no contender always runs first (or right after the heaviest one).
 */
export async function runSuite(input: SuiteInput): Promise<ScenarioResult[]> {
  const { args, scenarios, running, log } = input;
  const results = scenarios.map((scenario) => emptyResult(scenario, input));
  for (let round = 1; round <= args.rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      const result = results[index];
      if (!isHttp(scenario) || result.status !== 'measured') continue;
      const generator = scenario.generator === 'wrk' ? input.generators.wrk! : input.generators.autocannon;
      const order = rotate(scenario.contenders.filter((name) => running.has(name)), round - 1);
      for (const name of order) {
        const contender = running.get(name)!;
        // Later rounds only reopen connections; wrk cannot run for less than a second, so it skips them.
        const warmupSec = round === 1 ? args.warmupSec : scenario.generator === 'wrk' ? 0 : args.warmupSec / 2;
        let measurement: Measurement;
        try {
          if (warmupSec > 0) await generator(loadSpec(scenario, contender, warmupSec));
          measurement = await measure(scenario, contender, generator, args.durationSec, round);
        } catch (error) {
          // One failed load run (wrk crashing, say) costs that measurement, not the whole run.
          const reason = `round ${round} of ${name} failed: ${error instanceof Error ? error.message : String(error)}`;
          result.note = result.note ? `${result.note}; ${reason}` : reason;
          log(reason);
          continue;
        }
        (result.measurements[name] ??= []).push(measurement);
        log(
          `round ${round}/${args.rounds}  ${scenario.name.padEnd(14)} ${name.padEnd(11)} ` +
            `${measurement.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${measurement.p50Ms.toFixed(2)} ms  ` +
            `p99 ${measurement.p99Ms.toFixed(2)} ms  ${measurement.cpuUsPerReq.toFixed(0)} µs CPU/req` +
            (measurement.errors || measurement.non2xx ? `  errors ${measurement.errors} non-2xx ${measurement.non2xx}` : ''),
        );
      }
    }
  }
  for (const [index, scenario] of scenarios.entries()) {
    if (scenario.kind === 'timed') await runTimed(scenario, results[index], args, log);
    if (scenario.kind === 'transfer') await runTransfer(scenario, results[index], args, running, log);
    if (scenario.kind === 'ws-echo') await runWsEcho(scenario, results[index], args, running, log);
  }
  for (const [index, scenario] of scenarios.entries()) {
    const result = results[index];
    if (result.status === 'measured' && isHttp(scenario)) result.summary = summarize(result.measurements, scenario.floor ?? 'plain');
  }
  // The code search starts its own processes on its own tree: after the HTTP load, not during it.
  for (const [index, scenario] of scenarios.entries()) {
    if (isCodeSearch(scenario)) results[index] = await runCodeSearch(scenario, args, log);
  }
  return results;
}

function emptyResult(scenario: Scenario, input: SuiteInput): ScenarioResult {
  if (isCodeSearch(scenario)) return { name: scenario.name, title: scenario.title, status: 'skipped', note: 'not run yet', measurements: {}, summary: {} };
  if (scenario.kind === 'transfer' || scenario.kind === 'ws-echo') {
    return { name: scenario.name, title: scenario.title, status: 'measured', note: null, measurements: {}, summary: {} };
  }
  if (scenario.kind === 'timed') {
    return { name: scenario.name, title: scenario.title, status: 'measured', note: null, measurements: {}, summary: {} };
  }
  if (!isHttp(scenario)) {
    return { name: scenario.name, title: scenario.title, status: 'not available yet', note: `needs ${scenario.waitsFor}`, measurements: {}, summary: {} };
  }
  const base = {
    name: scenario.name,
    title: scenario.title,
    connections: scenario.connections,
    generator: scenario.generator,
    ...(scenario.floor ? { floor: scenario.floor } : {}),
    measurements: {},
    summary: {},
  };
  if (scenario.generator === 'wrk' && !input.generators.wrk) return { ...base, status: 'skipped', note: `wrk ${input.wrkNote}` };
  const absent = scenario.contenders.filter((name) => !input.running.has(name));
  const note = absent.length ? absent.map((name) => `${name}: ${input.missing.get(name) ?? 'not running'}`).join('; ') : null;
  return { ...base, status: 'measured', note };
}

function loadSpec(scenario: HttpScenario, contender: RunningContender, durationSec: number) {
  return {
    url: `${contender.url}${scenario.path}`,
    method: scenario.method,
    body: scenario.body,
    headers: scenario.headers,
    connections: scenario.connections,
    durationSec,
  };
}

async function measure(
  scenario: HttpScenario,
  contender: RunningContender,
  generator: LoadGenerator,
  durationSec: number,
  round: number,
): Promise<Measurement> {
  const pids = contender.stack.map((process) => process.pid);
  const before = sampleProcesses(pids);
  const load = await generator(loadSpec(scenario, contender, durationSec));
  const after = sampleProcesses(pids);
  return {
    round,
    reqPerSec: load.reqPerSec,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    mibPerSec: scenario.payloadBytes ? (load.reqPerSec * scenario.payloadBytes) / MiB : null,
    cpuUsPerReq: load.requests > 0 ? ((after.cpuSec - before.cpuSec) * 1e6) / load.requests : NaN,
    rssMiB: after.rssMiB,
    requests: load.requests,
    errors: load.errors,
    non2xx: load.non2xx,
  };
}

function summarize(measurements: ScenarioResult['measurements'], floorName: ContenderName): ScenarioResult['summary'] {
  const floor = measurements[floorName] ?? [];
  const out: ScenarioResult['summary'] = {};
  for (const [name, rounds] of Object.entries(measurements) as [ContenderName, Measurement[]][]) {
    const pick = (key: keyof Measurement) => spread(rounds.map((m) => m[key] as number));
    const ratios = rounds.map((m) => {
      const same = floor.find((f) => f.round === m.round);
      return same ? m.reqPerSec / same.reqPerSec : NaN;
    });
    const errors = rounds.reduce((sum, m) => sum + m.errors, 0);
    const non2xx = rounds.reduce((sum, m) => sum + m.non2xx, 0);
    const summary: ContenderSummary = {
      reqPerSec: pick('reqPerSec'),
      p50Ms: pick('p50Ms'),
      p99Ms: pick('p99Ms'),
      mibPerSec: rounds[0]?.mibPerSec === null ? null : pick('mibPerSec'),
      cpuUsPerReq: pick('cpuUsPerReq'),
      rssMiB: pick('rssMiB'),
      ratioToFloor: spread(ratios),
      problems: errors || non2xx ? `${errors} errors and ${non2xx} non-2xx answers over ${rounds.length} rounds` : null,
    };
    out[name] = summary;
  }
  return out;
}

function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) return items;
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
