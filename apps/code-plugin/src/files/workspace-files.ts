import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SKIPPED_DIRS, Workspace } from '../workspace';
import { contentTypeOf } from './content-type';
import { entityTag, matchesEntityTag } from './entity-tag';
import { FileWriteRefusedError } from './file-write-refused.error';

export interface FileRead {
  body: Buffer;
  etag: string;
  contentType: string;
}

export interface FileWritten {
  path: string;
  size: number;
  etag: string;
  created: boolean;
}

/** Reading and writing workspace files by their relative paths; every path goes through `confine`. */
@Injectable()
export class WorkspaceFiles {
  constructor(private readonly workspace: Workspace) {}

  /** Escapes are refused with 403, absences with 404. */
  async read(path: string): Promise<FileRead> {
    const full = await this.workspace.confine(path);
    const stat = await fs.stat(full).catch(() => null);
    if (!stat || !stat.isFile()) throw new NotFoundException(`No file "${path}" in the workspace.`);
    const body = await fs.readFile(full);
    return { body, etag: entityTag(body), contentType: contentTypeOf(path, body) };
  }

  /**
   * Replaces (or creates) a file atomically: the bytes go to a temporary file in the same folder,
   * flushed, then renamed over the target, so a reader sees the old content or the new, never
   * half of it. With `ifMatch`, the write happens only if the current content has that ETag.
   */
  async write(path: string, body: Buffer, ifMatch?: string): Promise<FileWritten> {
    const full = await this.workspace.confine(path);
    const parts = this.workspace.relativePath(full).split('/');
    if (parts.some((part) => SKIPPED_DIRS.has(part))) {
      throw new FileWriteRefusedError(path, 403, `it is under ${parts.find((p) => SKIPPED_DIRS.has(p))}/, which the code plugin never writes`);
    }
    if (parts.length === 1 && parts[0] === '') throw new FileWriteRefusedError(path, 400, 'name a file, not the workspace root');
    const existing = await fs.lstat(full).catch(() => null);
    if (existing?.isDirectory()) throw new FileWriteRefusedError(path, 409, 'it is a folder');
    if (ifMatch !== undefined) {
      const current = existing ? entityTag(await fs.readFile(full)) : null;
      if (current === null || !matchesEntityTag(ifMatch, current)) {
        throw new FileWriteRefusedError(path, 412, `its current version does not match If-Match ${ifMatch}`);
      }
    }
    const dir = dirname(full);
    await fs.mkdir(dir, { recursive: true });
    // The folder may have been created through a symlink made meanwhile: check again.
    await this.workspace.confine(path);
    const temp = join(dir, `.${basename(full)}.${randomBytes(6).toString('hex')}.qntx-tmp`);
    const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fs.rename(temp, full);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { path: this.workspace.relativePath(full), size: body.length, etag: entityTag(body), created: !existing };
  }
}
