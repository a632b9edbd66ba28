import { accessSync, constants, statSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';

const NODE_SCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

/** A relative plugin path is read inside `$QNTX_HOME/plugins/`, where plugins are installed. */
export function resolvePluginPath(home: string, path: string): string {
  return isAbsolute(path) ? path : join(home, 'plugins', path);
}

/** JavaScript entry files run with the host's own Node executable rather than on their own. */
export function isNodeScript(path: string): boolean {
  return NODE_SCRIPT_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Why `path` cannot be launched as a plugin (missing, not a file, not executable), or null when
 * it can. A Node script only needs to be readable, since Node runs it.
 */
export function launchProblem(path: string): string | null {
  const kind = fileProblem(path);
  if (kind) return kind;
  try {
    accessSync(path, isNodeScript(path) ? constants.R_OK : constants.X_OK);
    return null;
  } catch {
    return isNodeScript(path) ? `${path} is not readable` : `${path} is not executable (chmod +x it)`;
  }
}

/** Why `path` is not a readable file, or null. */
export function fileProblem(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
    accessSync(path, constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code})`;
  }
}
