import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const PYTHON = '/usr/bin/python3';
export const PYTHON_PLUGIN_LAUNCHER = resolve(__dirname, '../../examples/python-plugin/pyexample');

/** Why the Python plugin cannot run here, or null when Debian's grpc packages are installed. */
export function pythonGrpcMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import grpc, grpc_tools'], { encoding: 'utf8' });
  if (probe.status === 0) return null;
  return (
    `${PYTHON} cannot import grpc and grpc_tools (${(probe.stderr || String(probe.error)).trim().split('\n').pop()}); ` +
    'install them with: apt-get install python3-grpcio python3-grpc-tools'
  );
}

export interface PythonPlugin {
  child: ChildProcess;
  /** "127.0.0.1:<port>" from the handshake line. */
  address: string;
  handshakeLine: string;
  stderr(): string;
  /** Closes stdin, as a host going away does, and waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Launches the Python example plugin the way a host does: handshake env, stdin kept open as the
 * liveness pipe, the address read from the handshake line. Its stubs are generated into a fresh
 * cache folder, so every run proves the generation from proto/domain.proto.
 */
export async function startPythonPlugin(options: { token?: string; timeoutMs?: number } = {}): Promise<PythonPlugin> {
  const cache = mkdtempSync(join(tmpdir(), 'qntx-pycache-'));
  const env: NodeJS.ProcessEnv = { ...process.env, QNTX_PLUGIN_HANDSHAKE: '1', XDG_CACHE_HOME: cache };
  delete env.QNTX_PLUGIN_TOKEN;
  if (options.token) env.QNTX_PLUGIN_TOKEN = options.token;
  const child = spawn(PYTHON_PLUGIN_LAUNCHER, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  exited.finally(() => rmSync(cache, { recursive: true, force: true }));

  const handshakeLine = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`No handshake line from the Python plugin within ${options.timeoutMs ?? 20000} ms.\n${stderr}`));
    }, options.timeoutMs ?? 20000);
    lines.on('line', (line) => {
      if (!line.startsWith('QNTX_PLUGIN|')) return;
      clearTimeout(timer);
      resolveLine(line);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The Python plugin exited with ${code} before its handshake.\n${stderr}`));
    });
  });
  return {
    child,
    address: handshakeLine.split('|')[4],
    handshakeLine,
    stderr: () => stderr,
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
