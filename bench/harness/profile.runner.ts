import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autocannonLoad } from './autocannon.load';
import { BenchArgs } from './bench-args';
import { ContenderFleet } from './contender.fleet';
import { renderProfileSummary, summarizeCpuProfile } from './cpu-profile.summary';
import { RESULTS_DIR } from './results.writer';
import { HttpScenario, isHttp, SCENARIOS } from './scenario.catalog';
import { runWsProfile } from './ws-profile.runner';

/** The external path profiled, by scenario: its guarded twin under get-c64-guarded. */
const PROFILED: Record<'external' | 'guarded-external', string[]> = {
  external: ['host', 'plugin'],
  'guarded-external': ['guarded-host', 'guarded-plugin'],
};

/**
 * `--profile`: the external contender (guarded-external for get-c64-guarded) with `--cpu-prof`
 * on the host and the plugin, a run of one scenario (get-c64 unless --scenario names another),
 * then each process's self time by function and by layer inside the load window. The profiles
 * are written when the processes exit, which they do when the harness closes their stdin.
 */
export async function runProfile(args: BenchArgs, fleet: ContenderFleet, log: (line: string) => void): Promise<number> {
  const dir = join(RESULTS_DIR, `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  const wsScenario = SCENARIOS.find((s) => s.name === args.scenarios[0] && s.kind === 'ws-echo');
  if (wsScenario?.kind === 'ws-echo') return runWsProfile(wsScenario, args, fleet, dir, log);
  const scenario = profiledScenario(args);
  const name = scenario.contenders.includes('guarded-external') ? 'guarded-external' : 'external';
  const roles = PROFILED[name];
  const nodeFlags = (role: string) =>
    roles.includes(role) ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${role}.cpuprofile`] : [];
  let window: { fromUs: number; toUs: number };
  let figures = '';
  try {
    await fleet.start([name], { tools: { nginx: { name: 'nginx', available: false, path: null, version: null, note: 'not used' } }, nodeFlags });
    const external = fleet.running.get(name);
    if (!external) throw new Error(`the ${name} contender did not start: ${fleet.missing.get(name)}`);
    const spec = { url: `${external.url}${scenario.path}`, method: scenario.method, body: scenario.body, headers: scenario.headers, connections: scenario.connections };
    log(`warming up for ${Math.max(args.warmupSec, 2)} s`);
    await autocannonLoad({ ...spec, durationSec: Math.max(args.warmupSec, 2) });
    log(`profiling ${scenario.name} for ${args.durationSec} s`);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const result = await autocannonLoad({ ...spec, durationSec: args.durationSec });
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    figures = `${result.reqPerSec.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms during the profiled run (the profiler slows both processes).`;
  } finally {
    await fleet.stopAll();
  }
  const sections = [`## CPU profile of the ${name} path, ${scenario.name} (${scenario.title})\n\n${figures}\n`];
  for (const role of roles) {
    const file = readdirSync(dir).find((name) => name === `${role}.cpuprofile`);
    if (!file) {
      sections.push(`### ${role}\n\nNo profile was written (did the process exit cleanly?).\n`);
      continue;
    }
    sections.push(renderProfileSummary(`${role} process`, summarizeCpuProfile(join(dir, file), window)));
  }
  const text = sections.join('\n');
  writeFileSync(join(dir, 'summary.md'), text);
  console.log(text);
  log(`profiles and summary.md written to ${dir} (open the .cpuprofile files in Chrome DevTools or speedscope)`);
  return 0;
}

function profiledScenario(args: BenchArgs): HttpScenario {
  const name = args.scenarios[0] ?? 'get-c64';
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario || !isHttp(scenario)) throw new Error(`--profile needs an HTTP or ws-echo scenario; ${name} is not one.`);
  return scenario;
}
