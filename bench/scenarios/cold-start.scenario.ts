import { benchHome, spawnBenchHost, until200 } from './bench-host.process';
import { TimedScenario } from './timed-scenario.interface';

/**
 * From spawning `node dist/apps/host/main.js` (a fresh $QNTX_HOME whose am.plugins.toml launches
 * the built code plugin) to the first 200 from `GET /api/code`. Polls every 5 ms.
 */
export const COLD_START: TimedScenario = {
  kind: 'timed',
  name: 'cold-start',
  title: 'host cold start to the first 200 from an auto-started plugin',
  target: { id: 'cold-start', description: 'cold start ≤ 2 s', atMostMs: 2_000 },
  async run(samples, log) {
    const samplesMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const { home, cleanup } = benchHome();
      const started = process.hrtime.bigint();
      const host = spawnBenchHost(home);
      try {
        const url = await host.url();
        await until200(`${url}/api/code`, 20_000);
        samplesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
        log(`cold-start ${i + 1}/${samples}: ${samplesMs[i].toFixed(0)} ms`);
      } finally {
        await host.stop();
        cleanup();
      }
    }
    return { samplesMs, note: 'spawn of the host process to the first 200 of GET /api/code (code plugin launched by the host)' };
  },
};
