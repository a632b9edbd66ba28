import { spawnSync } from 'node:child_process';
import { benchHome, CLI_MAIN, spawnBenchHost, until200 } from './bench-host.process';
import { TimedScenario } from './timed-scenario.interface';

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const took = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  return took;
}

/**
 * `node bin/qntx.js code stats` (a trivial command of the code plugin) with the host running, so
 * the CLI reuses the host's plugin through $QNTX_HOME/run/host.json; `node -e 0` alongside.
 */
export const CLI_WARM: TimedScenario = {
  kind: 'timed',
  name: 'cli-warm',
  title: '`qntx code stats` wall time with the host running, vs `node -e 0`',
  target: { id: 'cli-warm', description: 'warm CLI command ≤ 250 ms median', atMostMs: 250 },
  async run(samples, log) {
    const { home, cleanup } = benchHome();
    const host = spawnBenchHost(home);
    const env = { ...process.env, QNTX_HOME: home };
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    try {
      const url = await host.url();
      await until200(`${url}/api/code`, 20_000);
      wallMs([CLI_MAIN, 'code', 'stats'], env); // warms the page cache, not measured
      for (let i = 0; i < samples; i++) {
        samplesMs.push(wallMs([CLI_MAIN, 'code', 'stats'], env));
        baselineMs.push(wallMs(['-e', '0'], env));
        log(`cli-warm ${i + 1}/${samples}: qntx ${samplesMs[i].toFixed(0)} ms, node -e 0 ${baselineMs[i].toFixed(0)} ms`);
      }
    } finally {
      await host.stop();
      cleanup();
    }
    return { samplesMs, baselineMs, baselineLabel: 'node -e 0', note: 'the host running, so the CLI reuses its code plugin (run/host.json)' };
  },
};
