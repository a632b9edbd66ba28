import WebSocket from 'ws';
import { MinuteBuckets } from './minute-buckets';
import { WATCHED_FOLDERS } from './soak-workspace';

export const WS_CLIENTS = 16;
/** The longest one socket's conversation may take before it is destroyed. */
const SOCKET_TIMEOUT_MS = 5_000;

/** How each socket ends, in turn: closed or destroyed, after or before its watch or first event. */
const ENDINGS = ['close after first event', 'destroy once watching', 'destroy right after the glob', 'close before any glob'] as const;
type Ending = (typeof ENDINGS)[number];

export interface WsChurnCounts {
  /** Sockets by how they were meant to end. */
  byEnding: Record<Ending, number>;
  /** Change events received (created, changed, deleted). */
  events: number;
  /** Sockets that did not get what their ending waited for within the timeout, and were destroyed. */
  timedOut: number;
}

/**
 * WebSocket churn on `/ws/code/watch`: `WS_CLIENTS` loops, each opening a socket, sending a glob
 * and ending it one of four ways in turn, until `untilMs`. Each open is recorded with the time to
 * the upgrade (ok), a refused upgrade by its status, a failure as "error".
 */
export async function wsChurn(url: string, untilMs: number, opens: MinuteBuckets): Promise<WsChurnCounts> {
  const counts: WsChurnCounts = { byEnding: Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>, events: 0, timedOut: 0 };
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws/code/watch`;
  await Promise.all(
    Array.from({ length: WS_CLIENTS }, async (_, client) => {
      for (let i = client; Date.now() < untilMs; i++) {
        const ending = ENDINGS[i % ENDINGS.length];
        // The toucher changes some file every 200 ms, one folder's every 4 s: a socket waiting for its first event watches all.
        const glob = ending === 'close after first event' || i % 3 === 0 ? '**' : `src/m${i % WATCHED_FOLDERS}/**`;
        const opened = await oneSocket(wsUrl, ending, glob, opens, counts);
        counts.byEnding[ending] += opened ? 1 : 0;
        // A refused upgrade (plugin restarting) answers at once: do not spin on it.
        if (!opened) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  return counts;
}

/** One socket's life; resolves once it is closed, with whether it opened. */
function oneSocket(wsUrl: string, ending: Ending, glob: string, opens: MinuteBuckets, counts: WsChurnCounts): Promise<boolean> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const ws = new WebSocket(wsUrl);
    let opened = false;
    let refused = false;
    let watching = false;
    const timer = setTimeout(() => {
      counts.timedOut++;
      ws.terminate();
    }, SOCKET_TIMEOUT_MS);
    ws.once('unexpected-response', (_req, res) => {
      refused = true;
      opens.record(null, String(res.statusCode));
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => opened || refused || opens.record(null, 'error'));
    ws.once('close', () => {
      clearTimeout(timer);
      resolve(opened);
    });
    ws.once('open', () => {
      opened = true;
      opens.record(Number(process.hrtime.bigint() - started) / 1e6, 'ok');
      if (ending === 'close before any glob') return ws.close(1000);
      ws.send(glob);
      if (ending === 'destroy right after the glob') return ws.terminate();
    });
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string };
      if (event.type === 'watching') {
        watching = true;
        if (ending === 'destroy once watching') ws.terminate();
        return;
      }
      if (event.type === 'created' || event.type === 'changed' || event.type === 'deleted') counts.events++;
      if (watching && ending === 'close after first event' && ws.readyState === WebSocket.OPEN) ws.close(1000);
    });
  });
}
