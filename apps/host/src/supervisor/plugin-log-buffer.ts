export type PluginOutputStream = 'stdout' | 'stderr';

export interface PluginLogLine {
  /** ISO time the host read the line. */
  time: string;
  pid: number;
  stream: PluginOutputStream;
  text: string;
}

/** The last `capacity` lines a plugin printed, across its restarts: a fixed-size ring. */
export class PluginLogBuffer {
  private readonly ring: PluginLogLine[] = [];
  private next = 0;

  constructor(readonly capacity = 500) {}

  push(line: PluginLogLine): void {
    if (this.ring.length < this.capacity) this.ring.push(line);
    else this.ring[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
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
