import { SupervisionSettings } from '../config/plugin-entry.interface';

type RestartLimits = Pick<SupervisionSettings, 'maxRestarts' | 'restartWindowMs' | 'restartBackoffMs' | 'restartBackoffMaxMs'>;

/** Jitter spreads restarts of plugins that failed together: each delay is scaled by 0.8–1.2. */
const JITTER = 0.2;

/**
 * When to restart a plugin that went down, and when to give up. The delay doubles with each
 * restart still inside the window (so a plugin that ran well for a while restarts fast again),
 * with jitter, never past the maximum; more than `maxRestarts` restarts within the window and
 * the answer is null: the plugin is marked failed.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(
    private readonly limits: RestartLimits,
    private readonly random: () => number = Math.random,
  ) {}

  /** Records a restart at `now` and returns its delay in ms, or null when the ceiling is reached. */
  next(now: number): number | null {
    this.restarts = this.restarts.filter((at) => now - at < this.limits.restartWindowMs);
    if (this.restarts.length >= this.limits.maxRestarts) return null;
    const exponent = this.restarts.length;
    this.restarts.push(now);
    const base = this.limits.restartBackoffMs * 2 ** exponent;
    const jittered = base * (1 - JITTER + 2 * JITTER * this.random());
    return Math.round(Math.min(this.limits.restartBackoffMaxMs, jittered));
  }

  /** Restarts recorded within the window ending at `now`. */
  recent(now: number): number {
    return this.restarts.filter((at) => now - at < this.limits.restartWindowMs).length;
  }

  /** A manual restart starts over: the user has looked at the plugin. */
  reset(): void {
    this.restarts = [];
  }
}
