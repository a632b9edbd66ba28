import { request } from 'node:http';
import { loadHostConfig } from '@qntx/host/config/plugins-config.loader';
import { readHostRuntime } from '../discovery/host-runtime-file.reader';
import { RunningHostError } from '../errors/running-host.error';

/** A change may start a plugin, wait out its probation and drain the old one: minutes at most. */
const CHANGE_TIMEOUT_MS = 180_000;

/** One plugin's part in a change, as the host's management API reports it. */
export interface HostChange {
  name: string;
  action: 'installed' | 'upgraded' | 'removed';
  outcome: 'started' | 'upgrading' | 'upgraded' | 'kept' | 'rolled-back' | 'failed' | 'removed';
  from: string | null;
  to: string | null;
  reason: string | null;
}

export interface HostReloadReport {
  file: string;
  changes: HostChange[];
  unchanged: string[];
}

/**
 * The host running on `$QNTX_HOME` (found through run/host.json), asked to apply changes through
 * its management API: loopback is let in; the `[host] admin_token` of am.plugins.toml is sent
 * when there is one, for a host that listens elsewhere.
 */
export class RunningHostClient {
  private constructor(
    readonly pid: number,
    private readonly url: string,
    private readonly adminToken: string | undefined,
  ) {}

  /** The running host, or null when none runs (no run/host.json, or its pid is gone). */
  static find(home: string): RunningHostClient | null {
    const runtime = readHostRuntime(home);
    if (!runtime || !runtime.url) return null;
    let adminToken: string | undefined;
    try {
      adminToken = loadHostConfig(home).adminToken;
    } catch {
      adminToken = undefined; // the host reports the file's problem itself
    }
    return new RunningHostClient(runtime.pid, runtime.url, adminToken);
  }

  /** `POST /api/plugins/reload`, or `/api/plugins/<name>/reload` for one plugin. */
  reload(name?: string): Promise<HostReloadReport> {
    return this.post(name === undefined ? '/api/plugins/reload' : `/api/plugins/${encodeURIComponent(name)}/reload`) as Promise<HostReloadReport>;
  }

  private post(path: string): Promise<unknown> {
    const url = new URL(path, this.url);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.adminToken) headers.authorization = `Bearer ${this.adminToken}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', headers, timeout: CHANGE_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: { message?: unknown } | null = null;
          try {
            body = JSON.parse(text) as { message?: unknown };
          } catch {
            body = null;
          }
          if (res.statusCode === 200 && body) return resolve(body);
          const said = typeof body?.message === 'string' ? body.message : text.slice(0, 200);
          reject(RunningHostError.refused(`The running host (pid ${this.pid}, ${this.url}) refused: ${said}`));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${CHANGE_TIMEOUT_MS / 1000} s`)));
      req.on('error', (error) => reject(new RunningHostError(`Cannot reach the running host (pid ${this.pid}) at ${this.url}: ${error.message}`)));
      req.end();
    });
  }
}

/** One line per change, as the CLI prints them; `ok` is false when a change did not take. */
export function describeHostChanges(pid: number, report: HostReloadReport): { lines: string[]; ok: boolean } {
  const lines = report.changes.map((change) => describeChange(pid, change));
  const ok = report.changes.every((change) => !['kept', 'rolled-back', 'failed'].includes(change.outcome));
  return { lines, ok };
}

function describeChange(pid: number, { name, action, outcome, from, to, reason }: HostChange): string {
  const host = `The running host (pid ${pid})`;
  switch (outcome) {
    case 'started':
      return `${host} now serves plugin "${name}"${to ? ` ${to}` : ''}.`;
    case 'upgraded':
    case 'upgrading':
      return `${host} upgraded plugin "${name}" ${from ?? '?'} → ${to ?? '?'}: the new version serves; the old one finishes its requests and stops.`;
    case 'removed':
      return `${host} no longer serves plugin "${name}".`;
    case 'rolled-back':
      return `${host} rolled plugin "${name}" back to ${from ?? 'the previous version'}: ${reason}`;
    case 'kept':
      return `${host} kept plugin "${name}" ${from ?? ''} (the ${action === 'upgraded' ? 'upgrade' : 'change'} did not take): ${reason}`;
    default:
      return `${host} could not ${action === 'installed' ? 'start' : 'change'} plugin "${name}": ${reason}`;
  }
}
