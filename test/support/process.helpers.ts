import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const HOST_MAIN = join(REPO_ROOT, 'dist', 'apps', 'host', 'main.js');
export const CODE_PLUGIN_MAIN = join(REPO_ROOT, 'dist', 'apps', 'code-plugin', 'main.js');
export const CODE_PLUGIN_MODULE = join(REPO_ROOT, 'dist', 'apps', 'code-plugin', 'code-plugin.module.js');
/** The code plugin as one executable file, with every dependency inside. */
export const ONE_FILE_CODE_PLUGIN = join(REPO_ROOT, 'dist', 'plugins', 'qntx-code-plugin');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** Builds the apps once when a test needs the bundles and `npm test`'s pretest build did not run. */
export function ensureBuilt(): void {
  if ([HOST_MAIN, CODE_PLUGIN_MAIN, CODE_PLUGIN_MODULE, ONE_FILE_CODE_PLUGIN].every((file) => existsSync(file))) return;
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

/**
 * Whether a process is alive. A zombie counts as gone: it has exited, and on machines whose
 * init does not reap orphans it would otherwise look alive forever to `kill(pid, 0)`.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false; // no /proc entry: reaped between the two checks
  }
}

/**
 * Polls `condition` until it holds or `timeoutMs` passes; returns how long it took. For what no
 * event announces (a process that is not our child exiting), polling is the only way to wait.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

/** Reads `read` until its value satisfies `done` (a figure no client can await), or `timeoutMs` passes; the last value either way. */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
