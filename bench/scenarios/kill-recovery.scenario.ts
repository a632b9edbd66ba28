import { benchHome, pause, pluginPid, spawnBenchHost, until200 } from './bench-host.process';
import { TimedScenario } from './timed-scenario.interface';

/** Bench supervision settings: a short restart backoff, and a ceiling the repeated kills never reach. */
export const KILL_RECOVERY_SUPERVISION = ['restart_backoff_ms = 50', 'restart_backoff_max_ms = 50', 'max_restarts = 1000'];

/**
 * `kill -9` of the running code plugin, then GET /api/code every 5 ms until it answers 200 again.
 * The host's restart backoff is set to 50 ms (the default is 500 ms, doubling): the figure is the
 * supervisor noticing the exit + 50 ms + launching, hand-shaking and initializing a new plugin.
 */
export const KILL_RECOVERY: TimedScenario = {
  kind: 'timed',
  name: 'kill-recovery',
  title: 'time from `kill -9` of a plugin to its next 200 (restart_backoff_ms = 50)',
  target: { id: 'kill-recovery', description: 'recovery after kill -9 ≤ 1 s', atMostMs: 1_000 },
  async run(samples, log) {
    const { home, cleanup } = benchHome(KILL_RECOVERY_SUPERVISION);
    const host = spawnBenchHost(home);
    const samplesMs: number[] = [];
    try {
      const url = await host.url();
      await until200(`${url}/api/code`, 20_000);
      for (let i = 0; i < samples; i++) {
        let pid: number | null = null;
        while ((pid = await pluginPid(url, 'code')) === null) await pause(5);
        await until200(`${url}/api/code`, 10_000);
        const started = process.hrtime.bigint();
        process.kill(pid, 'SIGKILL');
        // The first answers may still be 200 from requests in flight: wait for the outage to be seen.
        await until200(`${url}/api/code`, 10_000);
        const took = Number(process.hrtime.bigint() - started) / 1e6;
        if ((await pluginPid(url, 'code')) === pid) throw new Error('the killed plugin still answers');
        samplesMs.push(took);
        log(`kill-recovery ${i + 1}/${samples}: ${took.toFixed(0)} ms`);
      }
    } finally {
      await host.stop();
      cleanup();
    }
    return { samplesMs, note: `restart backoff set short for the bench: ${KILL_RECOVERY_SUPERVISION.join(', ')}` };
  },
};
