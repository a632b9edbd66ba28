import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_MAIN } from './process.helpers';

export interface HostRuntimeFileContent {
  pid: number;
  hostVersion: string;
  url: string;
  startedAt: string;
  plugins: { name: string; kind: string; address: string | null; token: string | null; pid: number | null }[];
}

export interface HostProcess {
  child: ChildProcess;
  /** Everything the host printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  runtimeFile: string;
  readRuntimeFile(): HostRuntimeFileContent;
}

/** The built host (`node dist/apps/host/main.js`) as a child process on a free port. */
export function spawnHost(home: string, env: NodeJS.ProcessEnv = {}): HostProcess {
  const child = spawn(process.execPath, [HOST_MAIN], {
    env: { ...process.env, QNTX_HOME: home, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const runtimeFile = join(home, 'run', 'host.json');
  return {
    child,
    output: () => output,
    exited,
    runtimeFile,
    readRuntimeFile: () => JSON.parse(readFileSync(runtimeFile, 'utf8')) as HostRuntimeFileContent,
  };
}

/** Resolves once the host says it listens (its runtime file is written just before). */
export function hostListening(host: HostProcess, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      if (!/Host listening on/.test(host.output())) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`The host did not start within ${timeoutMs} ms:\n${host.output()}`));
    }, timeoutMs);
    void host.exited.then(() => {
      cleanup();
      reject(new Error(`The host exited before listening:\n${host.output()}`));
    });
    const cleanup = (): void => {
      clearTimeout(timer);
      host.child.stdout!.off('data', onData);
    };
    host.child.stdout!.on('data', onData);
    onData();
  });
}

/** Stops a host process the test started, if it is still running, and waits for it to exit. */
export async function stopHost(host: HostProcess | undefined): Promise<void> {
  if (!host || host.child.exitCode !== null || host.child.signalCode !== null) return;
  host.child.kill('SIGTERM');
  await host.exited;
}
