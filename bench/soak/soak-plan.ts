/**
 * The soak's timeline. Every traffic shape runs at once in every phase, so each minute carries
 * the same mix and the minutes can be compared (a leak shows as a slope, not as a change of
 * shape); the kill -9s come first, so the plugin that serves the steady phase lives through it
 * and its memory trend is one process's.
 *
 *   warm-up  the mix, not reported: JIT, pools and caches settle
 *   kill     the mix, and kill -9 of the plugin every `killEverySec` (the host restarts it);
 *            then 10 s of the mix for the last new plugin, and its idle baseline
 *   steady   the mix, no kills: per-minute figures, and the RSS and fd trend over its second half
 *   settle   no load: the gauges and fds must come back
 */
export interface SoakPlan {
  warmupSec: number;
  killSec: number;
  killEverySec: number;
  steadySec: number;
  /** The longest wait, after the load, for fds and gauges to come back. */
  settleSec: number;
}

export function soakPlan(minutes: number): SoakPlan {
  const totalSec = minutes * 60;
  const warmupSec = Math.min(30, totalSec / 8);
  const killSec = Math.round(totalSec / 4);
  return { warmupSec, killSec, killEverySec: 10, steadySec: totalSec - warmupSec - killSec, settleSec: 30 };
}
