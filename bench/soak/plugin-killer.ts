import { pause, pluginPid } from '../scenarios/bench-host.process';

export interface KillFigures {
  kills: number;
  /** From each kill -9 to the host reporting a new plugin process running, ms. */
  recoveryMs: number[];
  /** Kills after which no new plugin was running within 15 s. */
  notRecovered: number;
}

/**
 * kill -9 of the host's code plugin every `everySec` until `untilMs`, each time waiting for the
 * host to report a new plugin process running (GET /api/plugins) before the next interval starts.
 */
export async function killPluginRepeatedly(url: string, everySec: number, untilMs: number, log: (line: string) => void): Promise<KillFigures> {
  const figures: KillFigures = { kills: 0, recoveryMs: [], notRecovered: 0 };
  for (;;) {
    await pause(Math.min(everySec * 1000, Math.max(0, untilMs - Date.now())));
    if (Date.now() >= untilMs) return figures;
    const pid = await pluginPid(url, 'code');
    if (pid === null) continue; // between restarts: the next interval tries again
    const killedAt = Date.now();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      continue; // it went by itself
    }
    figures.kills++;
    let next: number | null = null;
    while (Date.now() - killedAt < 15_000 && ((next = await pluginPid(url, 'code')) === null || next === pid)) await pause(20);
    if (next === null || next === pid) {
      figures.notRecovered++;
      log(`soak: kill ${figures.kills}: no new plugin within 15 s`);
    } else {
      figures.recoveryMs.push(Date.now() - killedAt);
    }
  }
}
