export type PluginOutputStream = 'stdout' | 'stderr';
/** Where a kept line came from: the process's output, or the plugin's logger (over host services). */
export type PluginLogSource = PluginOutputStream | 'log';
export type PluginLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface PluginLogLine {
  /** ISO time the host read the line. */
  time: string;
  pid: number;
  stream: PluginLogSource;
  /** The line as printed, or the message of a structured (JSON) log line. */
  text: string;
  /** Only for structured lines: their level and other fields (requestId, ...). */
  level?: PluginLogLevel;
  fields?: Record<string, unknown>;
}

/** The last `capacity` lines a plugin printed, across its restarts: a fixed-size ring. */
export class PluginLogBuffer {
  private readonly ring: PluginLogLine[] = [];
  private next = 0;
  private readonly listeners = new Set<(line: PluginLogLine) => void>();

  constructor(readonly capacity = 500) {}

  push(line: PluginLogLine): void {
    if (this.ring.length < this.capacity) this.ring.push(line);
    else this.ring[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) listener(line);
  }

  /** Every line pushed from now on (a live tail); returns an unsubscribe. */
  subscribe(listener: (line: PluginLogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Oldest first; at most the last `limit` lines. */
  lines(limit = this.capacity): PluginLogLine[] {
    const ordered = this.ring.length < this.capacity ? this.ring.slice() : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return limit >= ordered.length ? ordered : ordered.slice(ordered.length - limit);
  }

  /** The last `count` lines one process wrote to one stream (for failure reports). */
  tail(pid: number, stream: PluginOutputStream, count: number): string[] {
    return this.lines()
      .filter((line) => line.pid === pid && line.stream === stream)
      .slice(-count)
      .map((line) => line.text);
  }
}
