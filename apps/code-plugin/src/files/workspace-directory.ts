import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { descriptorPath, pathInDescriptor } from './descriptor-path';

const OPEN_FOLDER = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
/** What opening a folder on the way fails with when it was swapped: a link (ELOOP), a file, or nothing there any more. */
const SWAPPED = new Set(['ELOOP', 'ENOTDIR', 'ENOENT']);

/** A folder on the way to a write was swapped (for a link, or renamed) while the write went on: 409. */
export class FolderChangedError extends Error {
  constructor(readonly folder: string) {
    super(`${folder} changed while it was being written to`);
    this.name = 'FolderChangedError';
  }
}

/**
 * A workspace folder held open, reached from the real root one name at a time, each opened
 * with O_NOFOLLOW relative to the one before (through its descriptor): a link swapped in on the
 * way fails the open instead of leading elsewhere. Files in it are named by `path(name)`, so a
 * write lands in this folder whatever happens to its path meanwhile.
 */
export class WorkspaceDirectory {
  private constructor(
    private readonly handle: FileHandle,
    /** The real path the folder had when it was opened. */
    readonly realPath: string,
  ) {}

  /** Opens `realRoot/parts...`, creating the folders that do not exist yet when `create` is set. */
  static async open(realRoot: string, parts: string[], create: boolean): Promise<WorkspaceDirectory> {
    let handle = await fs.open(realRoot, OPEN_FOLDER);
    let current = realRoot;
    try {
      for (const part of parts) {
        const next = pathInDescriptor(handle.fd, current, part);
        if (create) await fs.mkdir(next).catch((error: NodeJS.ErrnoException) => ignoreCode(error, 'EEXIST'));
        const opened = await fs.open(next, OPEN_FOLDER).catch((error: NodeJS.ErrnoException) => {
          throw SWAPPED.has(error.code ?? '') ? new FolderChangedError(join(current, part)) : error;
        });
        await handle.close();
        handle = opened;
        current = join(current, part);
      }
      const actual = await descriptorPath(handle.fd);
      if (actual !== null && actual !== current) throw new FolderChangedError(current);
      return new WorkspaceDirectory(handle, current);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  path(name: string): string {
    return pathInDescriptor(this.handle.fd, this.realPath, name);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

function ignoreCode(error: NodeJS.ErrnoException, code: string): void {
  if (error.code !== code) throw error;
}
