import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { READY_PREFIX, ReadyInfo } from '../contenders/contender.process';
import { repoRoot } from '../repo-root';
import { OutputTail, ProcessHandle, stopChild } from './process-handle';

export const REPO_ROOT = repoRoot();
/** The compiled contenders, beside this compiled file (dist/bench/bench/contenders). */
const CONTENDERS_DIR = join(__dirname, '..', 'contenders');
/** Path aliases (@qntx/*) resolve against the compiled tree. */
const ALIAS_ENV = { TS_NODE_PROJECT: join(REPO_ROOT, 'bench', 'tsconfig.json'), TS_NODE_BASEURL: join(REPO_ROOT, 'dist', 'bench') };
const READY_TIMEOUT_MS = 90_000;

export class ContenderStartError extends Error {
  constructor(role: string, reason: string, output: string) {
    super(`${role} did not start: ${reason}.${output ? `\nIts last output:\n${output}` : ''}`);
    this.name = 'ContenderStartError';
  }
}

export interface LaunchOptions {
  role: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

/**
 * Starts `bench/contenders/<script>` (compiled by `npm run bench` into dist/bench) as its own Node
 * process, with the repo's path aliases, and waits for its `BENCH_READY` line.
 */
export function launchNodeContender(
  script: string,
  args: string[],
  options: LaunchOptions,
): Promise<{ handle: ProcessHandle; info: ReadyInfo }> {
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '-r', 'tsconfig-paths/register', join(CONTENDERS_DIR, script.replace(/\.ts$/, '.js')), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...ALIAS_ENV, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const tail = new OutputTail();
  createInterface({ input: child.stderr! }).on('line', (line) => tail.add(line));
  const handle: ProcessHandle = {
    role: options.role,
    pid: child.pid ?? -1,
    output: () => tail.text(),
    stop: () => stopChild(child, () => child.stdin!.end()),
  };
  // The child exits when its stdin closes; a write error then is expected.
  child.stdin!.on('error', () => undefined);
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void handle.stop();
      reject(new ContenderStartError(options.role, `no ready line within ${READY_TIMEOUT_MS / 1000} s`, tail.text()));
    }, READY_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new ContenderStartError(options.role, error.message, tail.text()));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new ContenderStartError(options.role, `it exited (${signal ?? `code ${code}`})`, tail.text()));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(READY_PREFIX)) return tail.add(line);
      clearTimeout(timer);
      resolvePromise({ handle, info: JSON.parse(line.slice(READY_PREFIX.length)) as ReadyInfo });
    });
  });
}
