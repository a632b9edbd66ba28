import autocannon from 'autocannon';
import { MinuteBuckets } from './minute-buckets';
import { SOAK_PATHS } from './soak-workspace';

export const MIXED_CONNECTIONS = 32;

/**
 * The soak's mixed HTTP: autocannon (as the load scenarios use it) on 32 keep-alive connections,
 * each cycling through SOAK_PATHS, for `durationSec`. Every answer is recorded with its latency:
 * 2xx and 404 (a part of the mix) as ok, others by status; connection errors and timeouts as
 * "error".
 */
export function mixedHttp(url: string, durationSec: number, recorder: MinuteBuckets): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: MIXED_CONNECTIONS,
        duration: durationSec,
        pipelining: 1,
        timeout: 10,
        requests: SOAK_PATHS.map((path) => ({ method: 'GET' as const, path })),
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      recorder.record(responseTime, (statusCode >= 200 && statusCode < 300) || statusCode === 404 ? 'ok' : String(statusCode));
    });
    instance.on('reqError', () => recorder.record(null, 'error'));
  });
}
