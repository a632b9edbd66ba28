import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs } from './bench-args';
import { ContenderName } from './contender.catalog';
import { ContenderFleet } from './contender.fleet';
import { renderProfileSummary, summarizeCpuProfile } from './cpu-profile.summary';
import { sampleProcesses } from './proc-stats';
import { WsEchoScenario } from '../scenarios/ws-echo-scenario.interface';
import { measureEcho } from './ws-echo.runner';

/** The processes profiled, by contender: the host path and the relay it is judged against. */
const PROFILED: { contender: ContenderName; roles: string[] }[] = [
  { contender: 'external', roles: ['host', 'plugin'] },
  { contender: 'ws-relay', roles: ['ws-relay', 'ws-relay-plugin'] },
];

/**
 * `--profile --scenario ws-echo-c64` (or c1): the host path and the minimal relay side by side,
 * each process under `--cpu-prof`, one echo run on each in turn, then every process's CPU per
 * round trip (from /proc, the profiler's own cost included) and its self time by function.
 */
export async function runWsProfile(
  scenario: WsEchoScenario,
  args: BenchArgs,
  fleet: ContenderFleet,
  dir: string,
  log: (line: string) => void,
): Promise<number> {
  const roles = PROFILED.flatMap((p) => p.roles);
  const nodeFlags = (role: string) =>
    roles.includes(role) ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${role}.cpuprofile`] : [];
  const windows = new Map<string, { fromUs: number; toUs: number; roundTrips: number }>();
  const sections: string[] = [];
  try {
    await fleet.start(PROFILED.map((p) => p.contender), { tools: { nginx: { name: 'nginx', available: false, path: null, version: null, note: 'not used' } }, nodeFlags });
    for (const { contender: name } of PROFILED) {
      const contender = fleet.running.get(name);
      if (!contender) throw new Error(`the ${name} contender did not start: ${fleet.missing.get(name)}`);
      log(`${name}: warming up for ${Math.max(args.warmupSec, 2)} s`);
      await measureEcho(contender.url, scenario.sockets, scenario.frameBytes, Math.max(args.warmupSec, 2));
      log(`${name}: profiling ${scenario.name} for ${args.durationSec} s`);
      const before = contender.stack.map((p) => sampleProcesses([p.pid]).cpuSec);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const figures = await measureEcho(contender.url, scenario.sockets, scenario.frameBytes, args.durationSec);
      const window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
      const cpu = contender.stack.map((p, i) => `${p.role} ${(((sampleProcesses([p.pid]).cpuSec - before[i]) * 1e6) / figures.roundTrips).toFixed(1)}`);
      for (const p of contender.stack) windows.set(p.role, { ...window, roundTrips: figures.roundTrips });
      sections.push(
        `- ${name}: ${figures.roundTripsPerSec.toFixed(0)} round trips/s, p50 ${figures.p50Ms.toFixed(3)} ms, p99 ${figures.p99Ms.toFixed(3)} ms; CPU µs per round trip: ${cpu.join(', ')}`,
      );
    }
  } finally {
    await fleet.stopAll();
  }
  const text = [`## CPU profiles of ${scenario.name} (${scenario.title}), under the profiler\n`, ...sections, ''];
  for (const role of roles) {
    const file = readdirSync(dir).find((name) => name === `${role}.cpuprofile`);
    if (!file) text.push(`### ${role}\n\nNo profile was written (did the process exit cleanly?).\n`);
    else text.push(renderProfileSummary(`${role} process`, summarizeCpuProfile(join(dir, file), windows.get(role))));
  }
  writeFileSync(join(dir, 'summary.md'), text.join('\n'));
  // The load windows (monotonic µs, the profiles' clock), for comparing profiles by hand later.
  writeFileSync(join(dir, 'windows.json'), JSON.stringify(Object.fromEntries(windows), null, 2));
  console.log(text.join('\n'));
  log(`profiles and summary.md written to ${dir} (open the .cpuprofile files in Chrome DevTools or speedscope)`);
  return 0;
}
