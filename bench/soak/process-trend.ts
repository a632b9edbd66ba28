import { readdirSync, readFileSync } from 'node:fs';

/** One reading of one process: resident memory (VmRSS) and open file descriptors, from /proc. */
export interface ProcessReading {
  /** ms since the epoch. */
  at: number;
  pid: number;
  rssMiB: number;
  fds: number;
}

/** VmRSS and the count of /proc/<pid>/fd of one process (not its children); null once it is gone. */
export function readProcess(pid: number): ProcessReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return { at: Date.now(), pid, rssMiB: rss ? Number(rss[1]) / 1024 : 0, fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return null;
  }
}

/** The host's direct child running the code plugin (the host launches it; it has no other children). */
export function pluginChildOf(hostPid: number): number | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${hostPid}/task`);
  } catch {
    return null;
  }
  for (const task of tasks) {
    let children: number[] = [];
    try {
      children = readFileSync(`/proc/${hostPid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      continue;
    }
    for (const pid of children) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('code-plugin')) return pid;
      } catch {
        // Gone since the listing.
      }
    }
  }
  return null;
}

/** Reads the host and its plugin every `everyMs` (one series per role; the plugin's pid changes after a kill). */
export class ProcessTrend {
  readonly host: ProcessReading[] = [];
  readonly plugin: ProcessReading[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly hostPid: number) {}

  start(everyMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): { host: ProcessReading | null; plugin: ProcessReading | null } {
    const host = readProcess(this.hostPid);
    const pluginPid = pluginChildOf(this.hostPid);
    const plugin = pluginPid === null ? null : readProcess(pluginPid);
    if (host) this.host.push(host);
    if (plugin) this.plugin.push(plugin);
    return { host, plugin };
  }
}

/** Least-squares slope of `value` over time, per minute, over the points in [fromMs, toMs]; null with fewer than 3. */
export function slopePerMinute(points: { at: number; value: number }[], fromMs: number, toMs: number): number | null {
  const window = points.filter((p) => p.at >= fromMs && p.at <= toMs);
  if (window.length < 3) return null;
  const xs = window.map((p) => (p.at - fromMs) / 60_000);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = window.reduce((a, p) => a + p.value, 0) / window.length;
  let num = 0;
  let den = 0;
  window.forEach((p, i) => {
    num += (xs[i] - meanX) * (p.value - meanY);
    den += (xs[i] - meanX) ** 2;
  });
  return den === 0 ? null : num / den;
}
