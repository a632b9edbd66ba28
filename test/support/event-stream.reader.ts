/** One server-sent event. */
export interface ServerEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a text/event-stream response as it arrives: `next(matches)` resolves with the first
 * event from now on that `matches`, or rejects when the stream ends first.
 */
export class EventStreamReader {
  private readonly events: ServerEvent[] = [];
  private waiters: (() => void)[] = [];
  private ended = false;
  private read = 0;

  constructor(response: Response) {
    void this.pump(response.body!.getReader());
  }

  async next(matches: (event: ServerEvent) => boolean = () => true): Promise<ServerEvent> {
    for (;;) {
      while (this.read < this.events.length) {
        const event = this.events[this.read++];
        if (matches(event)) return event;
      }
      if (this.ended) throw new Error('the event stream ended');
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** Resolves once the server has ended the stream. */
  async end(): Promise<void> {
    while (!this.ended) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) this.events.push({ event, data: JSON.parse(data) });
          this.wake();
        }
      }
    } catch {
      // aborted by the test, or the connection dropped: either way the stream is over
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}
