import { quantile } from '../harness/load.interface';

/** One minute (or the phase's last, shorter part) of one traffic shape. */
export interface MinuteFigures {
  /** 1-based minute of the phase. */
  minute: number;
  /** How long the bucket lasted, seconds (60 but for the last one, which may be up to 65). */
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

/** Seconds past the last whole minute that are not worth a row of their own. */
const TAIL_SEC = 5;

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

  /** Per minute; a tail of a few seconds past the last whole minute is counted in that minute. */
  figures(): MinuteFigures[] {
    const totalSec = ((this.endedAt || Date.now()) - this.started) / 1000;
    const minutes = Math.max(1, Math.ceil((totalSec - TAIL_SEC) / 60));
    return Array.from({ length: minutes }, (_, i) => {
      const parts = (i === minutes - 1 ? this.buckets.slice(i) : [this.buckets[i]]).filter((b): b is Bucket => b !== undefined);
      const latencies = Float64Array.from(parts.flatMap((b) => b.latencies)).sort();
      const other = new Map<string, number>();
      for (const [what, n] of parts.flatMap((b) => [...b.other])) other.set(what, (other.get(what) ?? 0) + n);
      const count = parts.reduce((a, b) => a + b.count, 0);
      const seconds = i === minutes - 1 ? totalSec - i * 60 : 60;
      return {
        minute: i + 1,
        seconds,
        count,
        perMinute: (count * 60) / seconds,
        p99Ms: quantile(latencies, 0.99),
        other: Object.fromEntries(other),
        ok: parts.reduce((a, b) => a + b.ok, 0),
      };
    });
  }
}
