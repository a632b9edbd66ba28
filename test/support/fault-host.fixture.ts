import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, isAlive, waitUntil } from './process.helpers';
import { HostProcess, hostListening, spawnHost } from './host-process.fixture';
import { send } from './http-client';

export const HOSTILE_PLUGIN = join(FIXTURES, 'hostile-plugin.js');

export interface PluginStatusRow {
  name: string;
  state: string;
  pid: number | null;
  restarts: number;
  lastError: string | null;
}

/** The built host as a child process, for the fault suite: its URL and what it says about plugins. */
export interface FaultHost {
  process: HostProcess;
  url: string;
  pid: number;
  plugins(): Promise<PluginStatusRow[]>;
  plugin(name: string): Promise<PluginStatusRow>;
  /** Polls `/api/plugins` until `name` is in one of `states` (nothing announces it across processes). */
  waitForPlugin(name: string, states: string[], timeoutMs?: number): Promise<PluginStatusRow>;
  /** SIGTERM, then waits for the exit; SIGKILL if it takes longer than 10 s. */
  stop(): Promise<void>;
}

/**
 * Writes `toml` as `$QNTX_HOME/am.plugins.toml` and starts `node dist/apps/host/main.js` on a free
 * port, with `env` added to its environment.
 */
export async function startFaultHost(home: string, toml: string, env: NodeJS.ProcessEnv = {}): Promise<FaultHost> {
  writeFileSync(join(home, 'am.plugins.toml'), toml);
  const hostProcess = spawnHost(home, env);
  await hostListening(hostProcess);
  const url = hostProcess.readRuntimeFile().url;
  const plugins = async (): Promise<PluginStatusRow[]> => {
    const answer = await send(`${url}/api/plugins`);
    if (answer.status !== 200) throw new Error(`GET /api/plugins answered ${answer.status}`);
    return (JSON.parse(answer.body.toString()) as { plugins: PluginStatusRow[] }).plugins;
  };
  const plugin = async (name: string): Promise<PluginStatusRow> => {
    const row = (await plugins()).find((p) => p.name === name);
    if (!row) throw new Error(`GET /api/plugins does not list "${name}"`);
    return row;
  };
  return {
    process: hostProcess,
    url,
    pid: hostProcess.child.pid!,
    plugins,
    plugin,
    async waitForPlugin(name, states, timeoutMs = 15_000) {
      const started = Date.now();
      for (;;) {
        const row = await plugin(name);
        if (states.includes(row.state)) return row;
        if (Date.now() - started > timeoutMs) throw new Error(`"${name}" did not reach ${states.join('/')}: ${JSON.stringify(row)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      const child = hostProcess.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await hostProcess.exited;
      clearTimeout(timer);
    },
  };
}

/** How many file descriptors a process holds, from /proc/<pid>/fd. */
export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** A process's resident set size and its peak, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Waits until none of `pids` is alive (killed plugins are not our children: polling is all there is). */
export function allGone(pids: number[], timeoutMs = 5_000): Promise<number> {
  return waitUntil(() => pids.every((pid) => !isAlive(pid)), timeoutMs, `processes ${pids.join(', ')} to exit`);
}
