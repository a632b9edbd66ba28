import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

export interface PluginProcess {
  child: ChildProcess;
  /** "host:port" from the handshake line. */
  address: string;
  port: number;
  exited: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs a TypeScript plugin entry point (under test/fixtures) as a real child process, launched
 * the way a host launches plugins: handshake env, stdin kept open as a pipe. Resolves with the
 * address printed in the handshake line.
 */
export async function startPluginProcess(entry: string, port = 0): Promise<PluginProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, entry), '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, QNTX_PLUGIN_HANDSHAKE: '1', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit').then(() => undefined);
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^QNTX_PLUGIN\|\d+\|\d+\|tcp\|([^|]+)\|grpc$/.exec(line.trim());
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`plugin ${entry} exited before its handshake`)));
  });
  return {
    child,
    address,
    port: Number(address.slice(address.lastIndexOf(':') + 1)),
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
