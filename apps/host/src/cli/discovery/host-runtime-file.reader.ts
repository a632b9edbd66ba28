import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileError } from '@qntx/host/config/config-file.error';
import { HostRuntime, HostRuntimePlugin } from './host-runtime.interface';

export function hostRuntimeFile(home: string): string {
  return join(home, 'run', 'host.json');
}

/**
 * The running host's runtime file, or null when there is none or its host is gone (a host that
 * was killed cannot remove it, so a file whose pid is not alive is stale and ignored).
 */
export function readHostRuntime(home: string): HostRuntime | null {
  const file = hostRuntimeFile(home);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigFileError(file, `cannot be read: ${(error as Error).message}`);
  }
  const runtime = parseHostRuntime(file, text);
  return isAlive(runtime.pid) ? runtime : null;
}

function parseHostRuntime(file: string, text: string): HostRuntime {
  const fix = 'If no host is running, delete the file.';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(file, `is not valid JSON (${(error as Error).message}). ${fix}`);
  }
  const d = doc as Partial<HostRuntime> | null;
  if (!d || typeof d !== 'object' || !Number.isInteger(d.pid) || !Array.isArray(d.plugins)) {
    throw new ConfigFileError(file, `needs a whole-number "pid" and a "plugins" array. ${fix}`);
  }
  const plugins = d.plugins.map((p: Partial<HostRuntimePlugin>, index): HostRuntimePlugin => {
    if (!p || typeof p.name !== 'string' || p.name === '') {
      throw new ConfigFileError(file, `plugins[${index}] needs a "name". ${fix}`);
    }
    return {
      name: p.name,
      kind: p.kind === 'built-in' ? 'built-in' : 'external',
      address: typeof p.address === 'string' && p.address !== '' ? p.address : null,
      token: typeof p.token === 'string' && p.token !== '' ? p.token : null,
      pid: typeof p.pid === 'number' ? p.pid : null,
    };
  });
  return {
    pid: d.pid as number,
    hostVersion: String(d.hostVersion ?? ''),
    url: String(d.url ?? ''),
    startedAt: String(d.startedAt ?? ''),
    plugins,
  };
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists as another user. */
function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
