import { quantile } from '../harness/load.interface';

/** One minute (or the phase's last, shorter part) of one traffic shape. */
export interface MinuteFigures {
  /** 1-based minute of the phase. */
  minute: number;
  /** How long the bucket lasted, seconds (60 but for the last one). */
  seconds: number;
  /** Completed operations (any status). */
  count: number;
  /** The same scaled to a full minute. */
  perMinute: number;
  /** Of the latencies recorded in it. */
  p99Ms: number;
  /** Outcomes other than "ok" by name (e.g. 503, error, refused). */
  other: Record<string, number>;
  ok: number;
}

interface Bucket {
  count: number;
  latencies: number[];
  ok: number;
  other: Map<string, number>;
}

/** Counts operations and their latencies per minute since `start()`. */
export class MinuteBuckets {
  private started = 0;
  private endedAt = 0;
  private readonly buckets: Bucket[] = [];

  start(now = Date.now()): void {
    this.started = now;
  }

  get startedAt(): number {
    return this.started;
  }

  stop(now = Date.now()): void {
    this.endedAt = now;
  }

  get running(): boolean {
    return this.started > 0 && this.endedAt === 0;
  }

  /** One completed operation: its latency (null for a failure with none) and outcome ('ok' or a short name of what else happened). */
  record(latencyMs: number | null, outcome: string, now = Date.now()): void {
    if (!this.running) return;
    const index = Math.floor((now - this.started) / 60_000);
    const bucket = (this.buckets[index] ??= { count: 0, latencies: [], ok: 0, other: new Map() });
    bucket.count++;
    if (latencyMs !== null) bucket.latencies.push(latencyMs);
    if (outcome === 'ok') bucket.ok++;
    else bucket.other.set(outcome, (bucket.other.get(outcome) ?? 0) + 1);
  }

  figures(): MinuteFigures[] {
    const totalSec = ((this.endedAt || Date.now()) - this.started) / 1000;
    const minutes = Math.ceil(totalSec / 60 - 1e-9);
    return Array.from({ length: minutes }, (_, i) => {
      const bucket = this.buckets[i] ?? { count: 0, latencies: [], ok: 0, other: new Map<string, number>() };
      const seconds = Math.min(60, totalSec - i * 60);
      return {
        minute: i + 1,
        seconds,
        count: bucket.count,
        perMinute: (bucket.count * 60) / seconds,
        p99Ms: quantile(Float64Array.from(bucket.latencies).sort(), 0.99),
        other: Object.fromEntries(bucket.other),
        ok: bucket.ok,
      };
    });
  }
}
