import { AsyncLocalStorage } from 'node:async_hooks';

/** HTTP header with the id of a request: taken from the client, or made by the host. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** gRPC metadata key carrying the request id from the host to the plugin (same name as the header). */
export const REQUEST_ID_METADATA_KEY = REQUEST_ID_HEADER;

/**
 * How long after the last request began the store is switched off. On Node 20 an
 * AsyncLocalStorage turns on promise hooks for the whole process at its first `run` and leaves
 * them on, so every promise and callback pays from then on, HTTP or not (measured: ~4 µs of the
 * plugin's CPU per WebSocket round trip). Off when idle, on again at the next request.
 */
export const REQUEST_CONTEXT_IDLE_MS = 2000;

const requestIds = new AsyncLocalStorage<string>();
let lastRunAt = 0;
let idleCheck: NodeJS.Timeout | null = null;

/**
 * Runs `fn` as part of one request: every log line written while it runs, in its callbacks and
 * promises too, carries the request id (see StructuredLogger). A request still running when the
 * process has started no other for REQUEST_CONTEXT_IDLE_MS (a long download) logs without it.
 */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  lastRunAt = Date.now();
  idleCheck ??= scheduleIdleCheck(REQUEST_CONTEXT_IDLE_MS);
  return requestIds.run(requestId, fn);
}

/** The id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

function scheduleIdleCheck(delayMs: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    const idleFor = Date.now() - lastRunAt;
    if (idleFor >= REQUEST_CONTEXT_IDLE_MS) {
      idleCheck = null;
      requestIds.disable();
    } else {
      idleCheck = scheduleIdleCheck(REQUEST_CONTEXT_IDLE_MS - idleFor);
    }
  }, delayMs);
  // Never what keeps a process alive.
  timer.unref();
  return timer;
}
