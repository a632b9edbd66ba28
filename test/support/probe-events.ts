/**
 * What the test plugins saw, for the tests to await: a handler entered, a handler's AbortSignal
 * fired, a gate opened by the test. Keyed by an id each test makes up, so tests never share one.
 */
export class ProbeEvents {
  private readonly waiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  /** Marks `key` as happened. */
  fire(key: string): void {
    this.slot(key).resolve();
  }

  /** Resolves once `key` has happened (at once if it already has). */
  when(key: string): Promise<void> {
    return this.slot(key).promise;
  }

  private slot(key: string): { promise: Promise<void>; resolve: () => void } {
    let slot = this.waiters.get(key);
    if (!slot) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      slot = { promise, resolve };
      this.waiters.set(key, slot);
    }
    return slot;
  }
}

export const probeEvents = new ProbeEvents();

/** Byte counts the test plugins keep (how much a route has produced so far), by key. */
export const probeCounters = new Map<string, number>();

/**
 * The value of `read()` once it has stopped changing for `quietMs` (a pipeline under
 * backpressure comes to rest); there is no event for "nothing more happens", so this polls.
 */
export async function settledValue(read: () => number, quietMs = 300, limitMs = 10_000): Promise<number> {
  const started = Date.now();
  let last = read();
  let since = started;
  while (Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  return read();
}

let counter = 0;
/** A fresh id for one test's events. */
export function probeId(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}`;
}

/** Resolves when `signal` aborts. */
export function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Rejects with a message naming what did not happen within `ms` (instead of hanging a test). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
