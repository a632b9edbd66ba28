import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { launchProblem } from '../config/plugin-path.resolver';

const BUNDLE = join('dist', 'apps', 'code-plugin', 'main.js');

/** The one-file code plugin (`dist/plugins/qntx-code-plugin`) as it is installed. */
export const INSTALLED_CODE_PLUGIN = 'qntx-code-plugin';

/**
 * `$QNTX_HOME/plugins/qntx-code-plugin` when it is there and can be launched (the one-file
 * build, copied or installed there); null otherwise.
 */
export function installedCodePlugin(home: string): string | null {
  const file = join(home, 'plugins', INSTALLED_CODE_PLUGIN);
  return existsSync(file) && launchProblem(file) === null ? file : null;
}

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
