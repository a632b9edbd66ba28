import { extname } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.ts': 'text/x-typescript; charset=utf-8',
  '.tsx': 'text/x-typescript; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.toml': 'text/x-toml; charset=utf-8',
  '.proto': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/** How many leading bytes are checked for a NUL: git's own heuristic for "binary". */
export const BINARY_SNIFF_BYTES = 8192;

export function looksBinary(body: Buffer): boolean {
  return body.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/** By extension; otherwise text unless the content looks binary. */
export function contentTypeOf(path: string, body: Buffer): string {
  const known = BY_EXTENSION[extname(path).toLowerCase()];
  if (known) return known;
  return looksBinary(body) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}
