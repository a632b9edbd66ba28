/** One load run against one URL. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  body?: Buffer;
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  /** Completed 2xx responses. */
  requests: number;
  durationSec: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses that were not 2xx. */
  non2xx: number;
}

export type LoadGenerator = (spec: LoadSpec) => Promise<LoadResult>;

/** The q-quantile of ascending-sorted values (nearest rank). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
