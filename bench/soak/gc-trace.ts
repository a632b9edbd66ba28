import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node flags that print one line per full (mark-compact) GC, with the heap before and after. */
export const GC_TRACE_FLAGS = ['--trace-gc', '--trace-gc-ignore-scavenger'];

/** One full GC: the live heap it left (what the process really holds) and the heap V8 keeps committed. */
export interface FullGc {
  /** ms since the epoch, when the line was read. */
  at: number;
  pid: number;
  liveMiB: number;
  committedMiB: number;
}

// [pid:0x...]   12943 ms: Mark-Compact 52.0 (70.5) -> 25.1 (69.0) MB, ...
const MARK_COMPACT = /\[(\d+):0x[0-9a-f]+\]\s+[\d.]+ ms: Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

/** The full GC a `--trace-gc` line reports, or null (the host's own lines, and its plugin's it relays, both count). */
export function parseFullGc(line: string, at = Date.now()): FullGc | null {
  const match = MARK_COMPACT.exec(line);
  return match ? { at, pid: Number(match[1]), liveMiB: Number(match[2]), committedMiB: Number(match[3]) } : null;
}

/**
 * A launcher for the code plugin with GC tracing: the host starts a plugin's `binary` with its
 * arguments, so Node flags go through a script that execs node with them (the process stays the
 * plugin's, same pid and command line). Returns the script's path.
 */
export function tracedPluginLauncher(home: string, pluginMain: string): string {
  const script = join(home, 'code-plugin-traced.sh');
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" ${GC_TRACE_FLAGS.join(' ')} "${pluginMain}" "$@"\n`);
  chmodSync(script, 0o755);
  return script;
}
