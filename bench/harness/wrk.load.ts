import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadResult, LoadSpec } from './load.interface';

/**
 * wrk (one thread: the machine has few cores and the contenders need them), parsed from its text
 * output. wrk takes whole seconds only, so durations are rounded (at least 1 s).
 */
export function wrkLoad(wrkPath: string): (spec: LoadSpec) => Promise<LoadResult> {
  return async (spec) => {
    const dir = mkdtempSync(join(tmpdir(), 'qntx-bench-wrk-'));
    try {
      const script = join(dir, 'request.lua');
      writeFileSync(script, luaScript(spec, dir));
      const args = ['-t1', `-c${spec.connections}`, `-d${Math.max(1, Math.round(spec.durationSec))}s`, '--timeout', '10s', '--latency', '-s', script, spec.url];
      const output = await new Promise<string>((resolve, reject) =>
        execFile(wrkPath, args, { timeout: (spec.durationSec + 20) * 1000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`wrk failed: ${error.message} ${stderr}`)) : resolve(stdout),
        ),
      );
      return parseWrk(output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function luaScript(spec: LoadSpec, dir: string): string {
  const lines = [`wrk.method = "${spec.method}"`];
  for (const [name, value] of Object.entries(spec.headers ?? {})) lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  if (spec.body) {
    const file = join(dir, 'body.bin');
    writeFileSync(file, spec.body);
    lines.push(`local f = io.open(${JSON.stringify(file)}, "rb")`, 'wrk.body = f:read("*a")', 'f:close()');
  }
  return `${lines.join('\n')}\n`;
}

export function parseWrk(output: string): LoadResult {
  const number = (pattern: RegExp): number => {
    const match = pattern.exec(output);
    return match ? Number(match[1]) : 0;
  };
  const requests = number(/(\d+) requests in/);
  const durationSec = toSeconds(/requests in ([\d.]+)(us|ms|s|m)/.exec(output));
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
  return {
    requests: requests - non2xx,
    durationSec,
    reqPerSec: (requests - non2xx) / durationSec,
    p50Ms: latencyMs(output, '50'),
    p99Ms: latencyMs(output, '99'),
    errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx,
  };
}

function latencyMs(output: string, percent: string): number {
  return toSeconds(new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s|m)`, 'm').exec(output)) * 1000;
}

function toSeconds(match: RegExpExecArray | null): number {
  if (!match) return NaN;
  const scale: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60 };
  return Number(match[1]) * scale[match[2]];
}
