import picomatch from 'picomatch';
import { isAbsolute } from 'node:path';
import { WorkspaceEscapeError } from './workspace-escape.error';

/**
 * A client's glob as a matcher over workspace-relative paths ("src/**\/*.ts"). A glob that
 * could reach outside the workspace (absolute, "..", a NUL byte) is refused: matching happens
 * only on paths below the root anyway, but saying so beats silently never matching.
 */
export function compileWatchGlob(glob: string): (path: string) => boolean {
  const trimmed = glob.trim().replace(/^\.\/+/, '') || '**';
  const segments = trimmed.split(/[\\/]+/);
  if (trimmed.includes('\0') || isAbsolute(trimmed) || /^[a-zA-Z]:/.test(trimmed) || segments.includes('..')) {
    throw new WorkspaceEscapeError(glob);
  }
  return picomatch(trimmed);
}
