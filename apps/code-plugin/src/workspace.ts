import { Injectable } from '@nestjs/common';
import { constants, promises as fs } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { WorkspaceEscapeError } from './workspace-escape.error';

/** Folders that are never part of the source tree. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', 'build', 'out', 'coverage', '.nyc_output', '.cache']);

export interface WorkspaceFile {
  path: string;
  size: number;
}

/** The code plugin's view of one workspace folder; every path is confined to it. */
@Injectable()
export class Workspace {
  private root = resolve(process.cwd());
  private realRoot: string | null = null;

  setRoot(root: string): void {
    this.root = resolve(root);
    this.realRoot = null;
  }

  get rootPath(): string {
    return this.root;
  }

  /** Whether the root exists and can be read: the plugin's health. */
  async readable(): Promise<{ ok: boolean; detail: string }> {
    try {
      await fs.access(this.root, constants.R_OK);
      const stat = await fs.stat(this.root);
      return stat.isDirectory() ? { ok: true, detail: this.root } : { ok: false, detail: `${this.root} is not a folder` };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * The absolute path for a workspace-relative one, checked twice: lexically (no "..", no
   * absolute path, no NUL) and after resolving symlinks: the real path of the deepest part that
   * exists must stay under the real root, so neither a symlinked file nor a file to be created
   * under a symlinked folder can lead outside.
   */
  async confine(path: string): Promise<string> {
    return (await this.locate(path)).full;
  }

  /**
   * `confine`, with the real path too (links resolved, the part that does not exist yet
   * appended) and the real root it lies under: what a read or write opens, then checks again
   * on the descriptor, since a link can be swapped in between.
   */
  async locate(path: string): Promise<{ full: string; real: string; realRoot: string }> {
    if (path.includes('\0') || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) throw new WorkspaceEscapeError(path);
    const full = resolve(this.root, path);
    if (!isInside(this.root, full)) throw new WorkspaceEscapeError(path);
    this.realRoot ??= await fs.realpath(this.root);
    const real = (await realpathOfExisting(full)) ?? full;
    if (!isInside(this.realRoot, real)) throw new WorkspaceEscapeError(path);
    return { full, real, realRoot: this.realRoot };
  }

  /** A path as the tree and the search show it: relative to the root, with "/" separators (a "\\" in a POSIX name stays). */
  relativePath(full: string): string {
    return relative(this.root, full).split(sep).join('/');
  }
}

/** The real path of `full`, or of its nearest ancestor that exists (with the rest appended). */
async function realpathOfExisting(full: string): Promise<string | null> {
  let current = full;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(current);
      return rest.length ? resolve(real, ...rest.reverse()) : real;
    } catch {
      const parent = dirname(current);
      if (parent === current) return null;
      rest.push(relative(parent, current));
      current = parent;
    }
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
