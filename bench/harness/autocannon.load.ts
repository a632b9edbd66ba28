import autocannon from 'autocannon';
import { LoadResult, LoadSpec, quantile } from './load.interface';

/**
 * autocannon as a library, in the harness's process. Its own latency histogram keeps whole
 * milliseconds, too coarse for sub-millisecond round trips at concurrency 1, so latencies are
 * taken from its per-response event (fractional ms from process.hrtime) instead.
 */
export function autocannonLoad(spec: LoadSpec): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.method,
        body: spec.body,
        headers: spec.headers,
        connections: spec.connections,
        duration: spec.durationSec,
        pipelining: 1,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const durationSec = Number(process.hrtime.bigint() - started) / 1e9;
        const sorted = latencies.subarray(0, count).sort();
        resolve({
          requests: count,
          durationSec,
          reqPerSec: count / durationSec,
          p50Ms: quantile(sorted, 0.5),
          p99Ms: quantile(sorted, 0.99),
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode < 200 || statusCode > 299) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
}
