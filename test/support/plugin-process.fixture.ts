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
 * Watches /proc for code plugin processes started by a `qntx` run for this QNTX_HOME (their
 * parent's environment carries it; theirs does not, plugins start with a minimal environment),
 * with the environment each started with. Polls often enough to catch any that lives for a command.
 */
export function watchCodePluginProcesses(home: string): { seen: Set<number>; environs: Map<number, string[]>; stop(): void } {
  const seen = new Set<number>();
  const environs = new Map<number, string[]>();
  const marker = `QNTX_HOME=${home}`;
  const environOf = (pid: number | string): string[] => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  const scan = (): void => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || seen.has(Number(entry))) continue;
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!cmdline.includes('code-plugin/main.js')) continue;
        const parent = /^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
        if (!parent || !environOf(parent).includes(marker)) continue;
        seen.add(Number(entry));
        environs.set(Number(entry), environOf(entry));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  scan();
  const timer = setInterval(scan, 15);
  return { seen, environs, stop: () => clearInterval(timer) };
}
