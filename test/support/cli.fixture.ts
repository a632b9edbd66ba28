import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
export const QNTX_BIN = join(ROOT, 'bin', 'qntx.js');
const FULL_CLI_BUNDLE = join(ROOT, 'dist', 'apps', 'cli', 'main.js');
export const CODE_PLUGIN_BUNDLE = join(ROOT, 'dist', 'apps', 'code-plugin', 'main.js');

export interface QntxResult {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
  out: string;
  err: string;
}

export interface QntxRunOptions {
  home: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** `node bin/qntx.js ...` as a child process, as a user runs it (the CLI must be built). */
export function spawnQntx(args: string[], options: QntxRunOptions & { fullCliOnly?: boolean }): ChildProcess {
  if (!existsSync(FULL_CLI_BUNDLE)) {
    throw new Error('The CLI is not built: run "npm run build" before the CLI e2e tests.');
  }
  // Not inherited from the environment the tests run in; a test may still set it.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.QNTX_COMMAND_TIMEOUT_MS;
  const env: NodeJS.ProcessEnv = { ...inherited, QNTX_HOME: options.home, ...options.env };
  // `fullCliOnly`: the full CLI's bundle itself, as the bin runs it when the fast path declines.
  return spawn(process.execPath, [options.fullCliOnly ? FULL_CLI_BUNDLE : QNTX_BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Which CLI settled a command: the fast path alone, or the full CLI (Nest) it handed over to. */
export type QntxPath = 'fast' | 'full';

export interface TracedQntxResult extends QntxResult {
  path: QntxPath;
  /** Files of the CommonJS modules the process loaded. */
  loaded: string[];
}

const LOADED_MODULES_PROBE = join(__dirname, 'loaded-modules.probe.js');

/** `runQntx`, recording the modules the CLI process loaded (loaded-modules.probe.js). */
export async function runQntxTraced(args: string[], options: QntxRunOptions): Promise<TracedQntxResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qntx-cli-trace-'));
  const file = join(dir, 'modules.json');
  try {
    const env = { ...options.env, NODE_OPTIONS: `--require ${LOADED_MODULES_PROBE}`, QNTX_TEST_LOADED_MODULES: file };
    const result = await runQntx(args, { ...options, env });
    const loaded = JSON.parse(readFileSync(file, 'utf8')) as string[];
    return { ...result, loaded, path: loaded.includes(FULL_CLI_BUNDLE) ? 'full' : 'fast' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the CLI to completion and collects its exit code and both streams as bytes. */
export function runQntx(args: string[], options: QntxRunOptions & { fullCliOnly?: boolean }): Promise<QntxResult> {
  return collect(spawnQntx(args, options));
}

export function collect(child: ChildProcess): Promise<QntxResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const stdout = Buffer.concat(out);
      const stderr = Buffer.concat(err);
      resolvePromise({ code, stdout, stderr, out: stdout.toString('utf8'), err: stderr.toString('utf8') });
    });
  });
}

/** A fresh, empty $QNTX_HOME. */
export function makeHome(): string {
  return mkdtempSync(join(tmpdir(), 'qntx-cli-home-'));
}

export interface TomlPluginEntry {
  name: string;
  address: string;
  enabled?: boolean;
  request_timeout_ms?: number;
}

export function writePluginsToml(home: string, entries: TomlPluginEntry[]): void {
  const tables = entries.map((entry) =>
    [
      '[[plugins]]',
      `name = "${entry.name}"`,
      `address = "${entry.address}"`,
      entry.enabled === undefined ? '' : `enabled = ${entry.enabled}`,
      entry.request_timeout_ms === undefined ? '' : `request_timeout_ms = ${entry.request_timeout_ms}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  writeFileSync(join(home, 'am.plugins.toml'), `${tables.join('\n\n')}\n`);
}

/** Writes `$QNTX_HOME/run/host.json` as a running host does (dir 0700, file 0600). */
export function writeHostRuntime(home: string, runtime: object): string {
  const dir = join(home, 'run');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'host.json');
  writeFileSync(file, JSON.stringify(runtime, null, 2), { mode: 0o600 });
  return file;
}

/**
 * `run/host.json` of a running host (this test process, so its pid is alive) serving `plugins` as
 * external plugins at their addresses: what the CLI's fast path runs commands against.
 */
export function writeRunningHost(home: string, plugins: { name: string; address: string; token?: string }[]): string {
  return writeHostRuntime(home, {
    pid: process.pid,
    hostVersion: '0.1.0',
    url: 'http://127.0.0.1:8787',
    startedAt: new Date().toISOString(),
    plugins: plugins.map(({ name, address, token }) => ({
      name,
      kind: 'external',
      address,
      token: token ?? null,
      pid: null,
    })),
  });
}

/** A loopback address where nothing listens: a port that was free a moment ago. */
export async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return `127.0.0.1:${port}`;
}

/** Resolves when `text` has appeared on the child's stdout. */
export function waitForOutput(child: ChildProcess, text: string): Promise<string> {
  let seen = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      if (seen.includes(text)) {
        child.stdout!.off('data', onData);
        resolvePromise(seen);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing "${text}"; got "${seen}"`)));
  });
}
