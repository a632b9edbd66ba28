import { METHOD_LABELS, STATUS_LABELS } from './http-labels';

/** Upper bounds (seconds) of the latency histogram's buckets. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

const METHODS = METHOD_LABELS.length;
const STATUSES = STATUS_LABELS.length;
const SLOTS = LATENCY_BUCKETS.length + 1; // the last one holds what is above every bound (+Inf)

/**
 * One plugin's HTTP figures, kept in fixed arrays indexed by label position: recording a
 * request costs a few additions and no allocation. prom-client's labelled metrics hash their
 * label values on every observation (about 0.7 µs per request here); these are turned into
 * Prometheus text only when /metrics is scraped.
 */
export class PluginHttpStats {
  inFlight = 0;
  /** Requests by [method][status]. */
  readonly requests = new Float64Array(METHODS * STATUSES);
  /** Non-cumulative bucket counts by [method][bucket]. */
  readonly buckets = new Float64Array(METHODS * SLOTS);
  readonly sums = new Float64Array(METHODS);
  readonly counts = new Float64Array(METHODS);

  record(method: number, status: number, seconds: number): void {
    this.requests[method * STATUSES + status]++;
    let slot = 0;
    while (slot < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[slot]) slot++;
    this.buckets[method * SLOTS + slot]++;
    this.sums[method] += seconds;
    this.counts[method]++;
  }
}
