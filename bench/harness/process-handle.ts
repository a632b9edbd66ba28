import { ChildProcess } from 'node:child_process';
import { processTree } from './proc-stats';

/** One process the harness started, and how to stop it. */
export interface ProcessHandle {
  role: string;
  pid: number;
  /** The last lines it printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const TAIL_LINES = 40;

/** Keeps the last lines a child printed on stdout and stderr, and drains both so it never blocks. */
export class OutputTail {
  private readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/**
 * Stops a child: `ask` asks it to go (close its stdin, send a signal); past `graceMs` it and
 * every descendant it left are killed by pid.
 */
export async function stopChild(child: ChildProcess, ask: () => void, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const descendants = child.pid ? processTree(child.pid).slice(1) : [];
  ask();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (!timedOut) return;
  for (const pid of [child.pid, ...descendants]) {
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await exited;
}
