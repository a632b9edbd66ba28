import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { ENV_PLUGIN_HANDSHAKE, ENV_PLUGIN_TOKEN } from '@qntx/plugin-grpc';
import { parseHandshakeLine } from '@qntx/host/supervisor/handshake-line';
import { pluginEnvironment } from '@qntx/host/supervisor/plugin-environment';
import { PluginLaunchError } from '../errors/plugin-launch.error';

/** A plugin process started for the duration of one CLI command. */
export interface LaunchedPlugin {
  address: string;
  token: string;
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL if it lingers) and waits for it to exit. */
  stop(): Promise<void>;
}

const KEPT_OUTPUT_LINES = 20;
const STOP_GRACE_MS = 3000;

/**
 * Starts `node <file>` as a plugin the way a host does: a minimal environment, a fresh token in QNTX_PLUGIN_TOKEN,
 * QNTX_PLUGIN_HANDSHAKE=1 so that it listens on a free port, and the address read back from
 * its handshake line. The plugin's own output never reaches the user's stdout.
 */
export function launchPluginProcess(name: string, file: string, startTimeoutMs: number): Promise<LaunchedPlugin> {
  const token = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, [file], {
    // The same minimal environment a host gives the plugins it launches: none of the user's secrets.
    env: { ...pluginEnvironment(), [ENV_PLUGIN_HANDSHAKE]: '1', [ENV_PLUGIN_TOKEN]: token },
    // stdin stays an open pipe: the plugin exits by itself when it closes (if the CLI dies).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  const keep = (line: string): void => {
    recent.push(line);
    if (recent.length > KEPT_OUTPUT_LINES) recent.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const lines = createInterface({ input: child.stdout! });

  return new Promise<LaunchedPlugin>((resolve, reject) => {
    const fail = (detail: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const output = recent.length > 0 ? `\n${recent.map((line) => `  | ${line}`).join('\n')}` : '';
      reject(new PluginLaunchError(name, file, `${detail}${output}`));
    };
    const timer = setTimeout(() => fail(`no handshake line within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`}) before its handshake`));
    lines.on('line', (line) => {
      const handshake = parseHandshakeLine(line);
      if (!handshake) return keep(line);
      if ('problem' in handshake) return fail(handshake.problem);
      const { address } = handshake;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve({ address, token, pid: child.pid!, stop: () => stopProcess(child) });
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
