import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { PluginEntry } from '../config/plugin-entry.interface';

/**
 * What a reload compares to tell a changed plugin from an unchanged one: its `[[plugins]]` entry
 * (all but `origin`), its settings (am.<name>.toml over its shipped defaults), and the identity
 * of its binary or module file, so that a file replaced in place (`qntx plugin upgrade` renames
 * a new file over the old) counts as a change. Hashed: settings may hold secrets.
 */
export function entryFingerprint(entry: PluginEntry, settings: Record<string, string>): string {
  const { origin: _origin, ...rest } = entry;
  const file = entry.binary ?? entry.module;
  const parts = { entry: sorted(rest), settings: sorted(settings), file: file === undefined ? null : fileIdentity(file) };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function fileIdentity(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The same value with every object's keys in order, so that equal entries give equal text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}
