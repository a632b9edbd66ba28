import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const BUNDLE = join('dist', 'apps', 'code-plugin', 'main.js');

/**
 * The code plugin built beside the host. The host runs from `dist/apps/host/main.js` (its
 * sibling is `../code-plugin/main.js`) or from source in tests (walk up to the repository's
 * `dist/`); the working directory is the last resort.
 */
export function locateBundledCodePlugin(): string {
  const sibling = resolve(__dirname, '..', 'code-plugin', 'main.js');
  if (existsSync(sibling)) return sibling;
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, BUNDLE))) return join(dir, BUNDLE);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(
    `The bundled code plugin (${BUNDLE}) was not found near ${__dirname}. ` +
      'Run "npm run build", or list your plugins in $QNTX_HOME/am.plugins.toml.',
  );
}
