export interface ExchangeBodyEvents {
  /** The reader took this many bytes: the plugin may send as many more. */
  credit(bytes: number): void;
  /** The reader stopped before the end. */
  abandon(): void;
}

/**
 * The response body of one HandleHTTPMultiplex exchange, as the data frames arrive, pulled at the
 * reader's pace. Credit goes back to the plugin for each chunk the reader takes, so what waits
 * here is bounded by the exchange window.
 */
export class ExchangeBody implements AsyncIterableIterator<Buffer> {
  private readonly chunks: Buffer[] = [];
  private done = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly events: ExchangeBodyEvents) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    this.chunks.push(chunk);
    this.notify();
  }

  finish(): void {
    this.done = true;
    this.notify();
  }

  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    this.chunks.length = 0;
    this.notify();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.events.credit(chunk.length);
        return { done: false, value: chunk };
      }
      if (this.error) throw this.error;
      if (this.done) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<Buffer>> {
    if (!this.done) {
      this.done = true;
      this.chunks.length = 0;
      this.events.abandon();
    }
    return { done: true, value: undefined };
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
