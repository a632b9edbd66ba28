import { Injectable, NotFoundException } from '@nestjs/common';
import { constants, promises as fs } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { WorkspaceEscapeError } from './workspace-escape.error';

/** Read size of a file stream: one HandleHTTPStream frame per read. */
const FILE_CHUNK_BYTES = 64 * 1024;

/** Folders that are never part of the source tree. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', 'coverage', '.nyc_output', '.cache']);

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

  /** Every source file below the root, sorted, skipping VCS folders, dependencies and build output. */
  async tree(limit = 50_000): Promise<{ files: WorkspaceFile[]; truncated: boolean }> {
    const files: WorkspaceFile[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (files.length >= limit) return;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
        } else if (entry.isFile()) {
          const stat = await fs.stat(full);
          files.push({ path: relative(this.root, full).split(sep).join('/'), size: stat.size });
        }
      }
    };
    await walk(this.root);
    return { files, truncated: files.length >= limit };
  }

  /**
   * Opens a file by its workspace-relative path, to be streamed (never read whole, whatever its
   * size); escapes are refused with 403, absences with 404. The stream closes the file when it
   * ends or is destroyed (the client went away).
   */
  async openFile(path: string): Promise<{ stream: Readable; size: number }> {
    const full = await this.confine(path);
    const handle = await fs.open(full, 'r').catch(() => null);
    if (!handle) throw new NotFoundException(`No file "${path}" in the workspace.`);
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new NotFoundException(`No file "${path}" in the workspace.`);
    }
    return { stream: handle.createReadStream({ highWaterMark: FILE_CHUNK_BYTES }), size: stat.size };
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
   * absolute path) and after resolving symlinks (the real path stays under the real root).
   */
  async confine(path: string): Promise<string> {
    if (path.includes('\0') || isAbsolute(path)) throw new WorkspaceEscapeError(path);
    const full = resolve(this.root, path);
    if (!isInside(this.root, full)) throw new WorkspaceEscapeError(path);
    this.realRoot ??= await fs.realpath(this.root);
    const real = await fs.realpath(full).catch(() => null);
    if (real !== null && !isInside(this.realRoot, real)) throw new WorkspaceEscapeError(path);
    return full;
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
