import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const BUNDLE = join('dist', 'apps', 'code-plugin', 'main.js');

/**
 * The built code plugin (`dist/apps/code-plugin/main.js`), found next to the CLI's own bundle
 * (`dist/apps/cli/`) or above it when the CLI runs from source; null when it was not built.
 */
export function findCodePluginBundle(start = __dirname): string | null {
  const sibling = resolve(start, '..', 'code-plugin', 'main.js');
  if (existsSync(sibling)) return sibling;
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, BUNDLE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
