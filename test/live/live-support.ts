import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { send } from '../support/http-client';
import { isAlive, waitUntil } from '../support/process.helpers';
import { LivePluginOptions, writeLivePlugin } from '../support/live-plugin.fixture';

/** Short supervision, probation and drain for the live-change tests, as am.plugins.toml lines. */
export function liveSettings({ probationMs = 1000, drainMs = 1000 } = {}): string {
  return [
    'start_timeout_ms = 20000',
    'health_interval_ms = 500',
    'restart_backoff_ms = 100',
    'shutdown_grace_ms = 1000',
    `probation_ms = ${probationMs}`,
    `drain_timeout_ms = ${drainMs}`,
  ].join('\n');
}

/** A temporary $QNTX_HOME with plugins/, and a folder for plugin files not installed yet. */
export interface LiveHome {
  home: string;
  work: string;
  /** Writes a live plugin file into plugins/ (installed by hand) or into work/ (to be installed). */
  plugin(file: string, options: LivePluginOptions, where?: 'plugins' | 'work'): string;
  /** Writes am.plugins.toml from entries of a binary in plugins/ and extra lines each. */
  config(entries: { name: string; binary: string; extra?: string }[]): void;
  cleanup(): void;
}

export function makeLiveHome(): LiveHome {
  const home = mkdtempSync(join(tmpdir(), 'qntx-live-'));
  const work = mkdtempSync(join(tmpdir(), 'qntx-live-work-'));
  mkdirSync(join(home, 'plugins'));
  return {
    home,
    work,
    plugin: (file, options, where = 'plugins') => writeLivePlugin(join(where === 'plugins' ? join(home, 'plugins') : work, file), options),
    config: (entries) => {
      const tables = entries.map(({ name, binary, extra }) => `[[plugins]]\nname = "${name}"\nbinary = "${binary}"\n${extra ?? ''}\n`);
      writeFileSync(join(home, 'am.plugins.toml'), tables.join('\n'));
    },
    cleanup: () => {
      rmSync(home, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The built host on `home`, listening; its URL. */
export async function startLiveHost(home: string): Promise<{ host: HostProcess; url: string }> {
  const host = spawnHost(home);
  try {
    await hostListening(host, 60_000);
  } catch (error) {
    await stopHost(host);
    throw error;
  }
  return { host, url: host.readRuntimeFile().url };
}

export interface PluginAnswer {
  name: string;
  version: string;
  pid: number;
  greeting: string;
}

export async function askPlugin(url: string, name: string): Promise<{ status: number; answer: PluginAnswer | null }> {
  const response = await send(`${url}/api/${name}`);
  return { status: response.status, answer: response.status === 200 ? (JSON.parse(response.body.toString()) as PluginAnswer) : null };
}

/** `GET /api/plugins`, the entry of one plugin. */
export async function pluginStatus(url: string, name: string): Promise<Record<string, unknown> & { generations: Record<string, unknown>[] }> {
  const response = await send(`${url}/api/plugins`);
  const { plugins } = JSON.parse(response.body.toString()) as { plugins: { name: string }[] };
  const found = plugins.find((plugin) => plugin.name === name);
  if (!found) throw new Error(`GET /api/plugins lists no "${name}": ${response.body.toString()}`);
  return found as unknown as Record<string, unknown> & { generations: Record<string, unknown>[] };
}

/** `POST` to the management API (the test runs on loopback, so no token is needed). */
export async function manage(url: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await send(`${url}${path}`, { method: 'POST' });
  return { status: response.status, body: JSON.parse(response.body.toString()) as Record<string, unknown> };
}

export function waitForExit(pid: number, what: string, timeoutMs = 15_000): Promise<number> {
  return waitUntil(() => !isAlive(pid), timeoutMs, what);
}

/** One response of the load: when it ended, its status and the version that answered. */
export interface LoadSample {
  client: number;
  at: number;
  status: number;
  version: string | null;
  error?: string;
}

/**
 * `clients` keep-alive clients, each sending GET `path` one after the other until `stop()`:
 * every answer is recorded, a connection error too (status 0).
 */
export function runLoad(url: string, path: string, clients: number): { stop(): Promise<LoadSample[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const samples: LoadSample[] = [];
  let running = true;
  const one = (client: number): Promise<void> =>
    new Promise((resolve) => {
      const req = request(`${url}${path}`, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let version: string | null = null;
          try {
            version = (JSON.parse(Buffer.concat(chunks).toString()) as { version?: string }).version ?? null;
          } catch {
            version = null;
          }
          samples.push({ client, at: Date.now(), status: res.statusCode ?? 0, version });
          resolve();
        });
        res.on('error', (error) => {
          samples.push({ client, at: Date.now(), status: 0, version: null, error: error.message });
          resolve();
        });
      });
      req.on('error', (error) => {
        samples.push({ client, at: Date.now(), status: 0, version: null, error: error.message });
        resolve();
      });
      req.end();
    });
  const loops = Array.from({ length: clients }, async (_, client) => {
    while (running) await one(client);
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return samples;
    },
  };
}

/** Versions each client saw, in order, with repeats folded: ["1.0.0", "2.0.0"] for a clean switch. */
export function versionRuns(samples: LoadSample[], client: number): (string | null)[] {
  const runs: (string | null)[] = [];
  for (const sample of samples.filter((s) => s.client === client)) {
    if (runs[runs.length - 1] !== sample.version) runs.push(sample.version);
  }
  return runs;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
