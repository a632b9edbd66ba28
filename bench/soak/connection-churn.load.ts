import { request } from 'node:http';
import { MinuteBuckets } from './minute-buckets';
import { expectedStatus, SOAK_PATHS } from './soak-workspace';

export const CHURN_CLIENTS = 8;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Connection churn: `CHURN_CLIENTS` loops, each sending one request per new connection
 * (`agent: false`, `Connection: close`) through SOAK_PATHS and reading the answer to its end,
 * until `untilMs`. An answer with the status its path should get is ok; others are recorded by
 * status, failed connections as "error".
 */
export async function connectionChurn(url: string, untilMs: number, recorder: MinuteBuckets): Promise<void> {
  await Promise.all(
    Array.from({ length: CHURN_CLIENTS }, async (_, client) => {
      for (let i = client; Date.now() < untilMs; i++) {
        const path = SOAK_PATHS[i % SOAK_PATHS.length];
        const started = process.hrtime.bigint();
        const status = await getOnce(`${url}${path}`);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        recorder.record(status === 0 ? null : ms, status === 0 ? 'error' : status === expectedStatus(path) ? 'ok' : String(status));
      }
    }),
  );
}

/** One GET on a connection of its own, read to its end; the status, or 0 when it failed. */
function getOnce(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(0));
    req.end();
  });
}
