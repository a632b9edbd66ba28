import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CODE_PLUGIN_BUNDLE } from './cli.fixture';

export interface PluginProcess {
  child: ChildProcess;
  address: string;
  token: string;
  stop(): Promise<void>;
}

/** The built code plugin as its own process, launched as a host launches it (token + handshake). */
export function startCodePluginProcess(cwd: string): Promise<PluginProcess> {
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [CODE_PLUGIN_BUNDLE], {
    cwd,
    env: { ...process.env, QNTX_PLUGIN_HANDSHAKE: '1', QNTX_PLUGIN_TOKEN: token },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`code plugin exited (${code}) before its handshake`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^QNTX_PLUGIN\|1\|1\|tcp\|([^|]+)\|grpc$/.exec(line.trim());
      if (match) {
        child.removeAllListeners('exit');
        resolve({ child, address: match[1], token, stop });
      }
    });
  });
}

/** Whether a process is alive (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches /proc for code plugin processes whose environment carries this QNTX_HOME: the plugin
 * processes the CLI starts for that home. Polls often enough to catch any that lives for a command.
 */
export function watchCodePluginProcesses(home: string): { seen: Set<number>; stop(): void } {
  const seen = new Set<number>();
  const marker = `QNTX_HOME=${home}`;
  const scan = (): void => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || seen.has(Number(entry))) continue;
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!cmdline.includes('code-plugin/main.js')) continue;
        if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker)) seen.add(Number(entry));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  scan();
  const timer = setInterval(scan, 15);
  return { seen, stop: () => clearInterval(timer) };
}
