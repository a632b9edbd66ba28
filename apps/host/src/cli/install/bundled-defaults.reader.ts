import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The second line of a one-file plugin bundle that carries its default settings, base64 TOML.
 * Written by libs/plugin-grpc/packaging/plugin-bundle.config.js (DEFAULT_SETTINGS_MARKER): keep both in step.
 */
const MARKER = '// qntx-default-settings: ';
/** The marker sits right under the shebang; no need to read a whole bundle to find it. */
const HEAD_BYTES = 256 * 1024;

/** The default settings (TOML text) a one-file plugin carries, or null when it carries none. */
export function readBundledDefaults(file: string): string | null {
  const fd = openSync(file, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  const [first, second] = head.split('\n', 2);
  if (!first?.startsWith('#!') || !second?.startsWith(MARKER)) return null;
  return Buffer.from(second.slice(MARKER.length).trim(), 'base64').toString('utf8');
}
