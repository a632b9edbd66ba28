import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const ANSI = /\x1b\[[0-9;]*m/g;

export interface StartedChild {
  child: ChildProcess;
  /** The match of the line that said the process is ready. */
  ready: RegExpExecArray;
  /** Everything it printed so far (for failure messages). */
  output(): string;
}

/** Spawns a process and resolves once a line of its stdout matches `ready`. */
export function spawnUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<StartedChild> {
  const child = spawn(command, args, { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, stdio: 'pipe' });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${command} ${args.join(' ')} was not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString('utf8').replace(ANSI, '');
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ child, ready: match, output: () => output });
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`${command} exited with ${code} before it was ready:\n${output}`));
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', onExit);
  });
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process from /proc: now (VmRSS) and its peak (VmHWM), in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Resets a process's peak RSS (VmHWM) to its current RSS; false where the kernel does not allow it. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Samples a process's RSS while `work` runs; resolves with the work's result and the highest
 * RSS seen (sampled, and the kernel's peak when it could be reset first).
 */
export async function measurePeak<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; beforeMiB: number; peakMiB: number }> {
  const beforeMiB = memoryOf(pid).rssMiB;
  const exactPeak = resetPeakMemory(pid);
  let sampled = beforeMiB;
  const timer = setInterval(() => (sampled = Math.max(sampled, memoryOf(pid).rssMiB)), 20);
  try {
    const result = await work();
    const after = memoryOf(pid);
    const peakMiB = Math.max(sampled, after.rssMiB, exactPeak ? after.peakMiB : 0);
    return { result, beforeMiB, peakMiB };
  } finally {
    clearInterval(timer);
  }
}
