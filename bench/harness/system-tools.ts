import { execFileSync, spawnSync } from 'node:child_process';

/** Whether a system tool the bench can use (wrk, nginx) is there, and why not when it is not. */
export interface ToolStatus {
  name: string;
  available: boolean;
  path: string | null;
  version: string | null;
  note: string;
}

interface ToolSpec {
  name: string;
  aptPackage: string;
  versionArgs: string[];
}

export const WRK: ToolSpec = { name: 'wrk', aptPackage: 'wrk', versionArgs: ['-v'] };
export const NGINX: ToolSpec = { name: 'nginx', aptPackage: 'nginx', versionArgs: ['-v'] };

/**
 * Finds the tool; when it is missing and we run as root with apt-get, installs its Debian package
 * (RUNLEVEL=1 so that the package's scripts do not start a system nginx service).
 */
export function ensureTool(spec: ToolSpec, allowInstall: boolean, log: (line: string) => void): ToolStatus {
  const found = locate(spec);
  if (found) return found;
  if (!allowInstall) return missing(spec, 'not installed, and --no-install was given');
  if (process.getuid?.() !== 0) return missing(spec, `not installed; install it with "apt-get install ${spec.aptPackage}" (needs root)`);
  if (!locate({ ...spec, name: 'apt-get' })) return missing(spec, 'not installed, and there is no apt-get to install it');
  log(`installing ${spec.aptPackage} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', spec.aptPackage], { env, encoding: 'utf8', timeout: 300_000 });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8', timeout: 300_000 });
    result = install();
  }
  const after = locate(spec);
  if (after) return { ...after, note: `installed by the bench with apt-get (${spec.aptPackage})` };
  const reason = (result.stderr || result.stdout || '').trim().split('\n').slice(-2).join(' ');
  return missing(spec, `apt-get install ${spec.aptPackage} failed: ${reason || `exit ${result.status}`}`);
}

function locate(spec: ToolSpec): ToolStatus | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    if (!dir) continue;
    const path = `${dir}/${spec.name}`;
    try {
      execFileSync('test', ['-x', path]);
    } catch {
      continue;
    }
    return { name: spec.name, available: true, path, version: version(path, spec.versionArgs), note: 'found on the system' };
  }
  return null;
}

function version(path: string, args: string[]): string | null {
  const result = spawnSync(path, args, { encoding: 'utf8', timeout: 5000 });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0];
  return text || null;
}

function missing(spec: ToolSpec, note: string): ToolStatus {
  return { name: spec.name, available: false, path: null, version: null, note };
}
