import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../repo-root';

const ROOT = repoRoot();
export const HOST_MAIN = join(ROOT, 'dist', 'apps', 'host', 'main.js');
export const CODE_PLUGIN_MAIN = join(ROOT, 'dist', 'apps', 'code-plugin', 'main.js');
export const CLI_MAIN = join(ROOT, 'bin', 'qntx.js');

/** A temporary $QNTX_HOME whose am.plugins.toml launches the built code plugin on a small workspace. */
export function benchHome(supervision: string[] = []): { home: string; cleanup(): void } {
  for (const file of [HOST_MAIN, CODE_PLUGIN_MAIN]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the bench.`);
  }
  const home = mkdtempSync(join(tmpdir(), 'qntx-bench-'));
  const workspace = join(home, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
  writeFileSync(join(home, 'am.code.toml'), `workspace_root = "${workspace}"\n`);
  writeFileSync(
    join(home, 'am.plugins.toml'),
    ['[[plugins]]', 'name = "code"', `binary = "${CODE_PLUGIN_MAIN}"`, ...supervision].join('\n') + '\n',
  );
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface BenchHost {
  child: ChildProcess;
  /** Resolves with the host's URL once its runtime file is written. */
  url(): Promise<string>;
  stop(): Promise<void>;
}

export interface BenchHostOptions {
  /** Node flags before the script, e.g. --trace-gc. */
  nodeFlags?: string[];
  /** Each line the host prints on stdout (its log, and its plugins' output); ignored without. */
  onOutput?: (line: string) => void;
}

/** `node dist/apps/host/main.js` on a free port with `home` as $QNTX_HOME. */
export function spawnBenchHost(home: string, options: BenchHostOptions = {}): BenchHost {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), HOST_MAIN], {
    env: { ...process.env, QNTX_HOME: home, PORT: '0' },
    stdio: ['ignore', options.onOutput ? 'pipe' : 'ignore', 'ignore'],
  });
  if (options.onOutput) createInterface({ input: child.stdout! }).on('line', options.onOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const runtimeFile = join(home, 'run', 'host.json');
  return {
    child,
    async url() {
      for (;;) {
        if (child.exitCode !== null) throw new Error('the host exited before it was listening');
        try {
          return (JSON.parse(readFileSync(runtimeFile, 'utf8')) as { url: string }).url;
        } catch {
          await pause(5); // not written yet (or mid-rename): the file is the only signal across processes
        }
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** GET status code, 0 when the connection fails. */
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Polls `url` every `everyMs` until it answers 200; returns when. */
export async function until200(url: string, timeoutMs: number, everyMs = 5): Promise<void> {
  const started = Date.now();
  while ((await statusOf(url)) !== 200) {
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await pause(everyMs);
  }
}

export async function pluginPid(url: string, name: string): Promise<number | null> {
  return new Promise((resolve) => {
    request(`${url}/api/plugins`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        try {
          const plugins = (JSON.parse(body) as { plugins: { name: string; pid: number | null; state: string }[] }).plugins;
          const row = plugins.find((p) => p.name === name);
          resolve(row && row.state === 'running' ? row.pid : null);
        } catch {
          resolve(null);
        }
      });
    })
      .on('error', () => resolve(null))
      .end();
  });
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
