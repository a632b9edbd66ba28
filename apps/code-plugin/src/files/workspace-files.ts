import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { SKIPPED_DIRS, Workspace } from '../workspace';
import { BINARY_SNIFF_BYTES, contentTypeOf } from './content-type';
import { entityTag, matchesEntityTag } from './entity-tag';
import { FileWriteRefusedError } from './file-write-refused.error';

/** Read size of a file stream: one HandleHTTPStream frame per read. */
const FILE_CHUNK_BYTES = 64 * 1024;

/** A file opened for reading: its validators first, its bytes only if the client needs them. */
export interface OpenedFile {
  size: number;
  etag: string;
  contentType: string;
  /** The content, streamed from disk (never held whole); closes the file when done or destroyed. */
  stream(): Readable;
  /** Closes the file without reading it (a 304). */
  close(): Promise<void>;
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
  async open(path: string): Promise<OpenedFile> {
    const full = await this.workspace.confine(path);
    const handle = await fs.open(full, 'r').catch(() => null);
    if (!handle) throw new NotFoundException(`No file "${path}" in the workspace.`);
    try {
      const stat = await handle.stat({ bigint: true });
      if (!stat.isFile()) throw new NotFoundException(`No file "${path}" in the workspace.`);
      const head = Buffer.alloc(Number(stat.size < BigInt(BINARY_SNIFF_BYTES) ? stat.size : BigInt(BINARY_SNIFF_BYTES)));
      if (head.length > 0) await handle.read(head, 0, head.length, 0);
      return {
        size: Number(stat.size),
        etag: entityTag(stat),
        contentType: contentTypeOf(path, head),
        stream: () => handle.createReadStream({ start: 0, highWaterMark: FILE_CHUNK_BYTES }),
        close: () => handle.close(),
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Replaces (or creates) a file atomically: the bytes go to a temporary file in the same folder,
   * flushed, then renamed over the target, so a reader sees the old content or the new, never
   * half of it. With `ifMatch`, the write happens only if the file's current ETag is listed.
   */
  async write(path: string, body: Buffer, ifMatch?: string): Promise<FileWritten> {
    const full = await this.workspace.confine(path);
    const parts = this.workspace.relativePath(full).split('/');
    const skipped = parts.find((part) => SKIPPED_DIRS.has(part));
    if (skipped) throw new FileWriteRefusedError(path, 403, `it is under ${skipped}/, which the code plugin never writes`);
    if (parts.length === 1 && parts[0] === '') throw new FileWriteRefusedError(path, 400, 'name a file, not the workspace root');
    const existing = await fs.stat(full, { bigint: true }).catch(() => null);
    if (existing?.isDirectory()) throw new FileWriteRefusedError(path, 409, 'it is a folder');
    if (ifMatch !== undefined && (!existing || !matchesEntityTag(ifMatch, entityTag(existing)))) {
      throw new FileWriteRefusedError(path, 412, `its current version does not match If-Match ${ifMatch}`);
    }
    const dir = dirname(full);
    await fs.mkdir(dir, { recursive: true });
    // A folder on the way may have been swapped for a link meanwhile: check again before writing.
    await this.workspace.confine(path);
    const temp = join(dir, `.${basename(full)}.${randomBytes(6).toString('hex')}.qntx-tmp`);
    const handle = await fs.open(temp, 'wx', existing ? Number(existing.mode & 0o777n) : 0o644);
    try {
      await handle.writeFile(body);
      await handle.sync();
      await handle.close();
      await fs.rename(temp, full);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw error;
    }
    const written = await fs.stat(full, { bigint: true });
    return { path: this.workspace.relativePath(full), size: body.length, etag: entityTag(written), created: !existing };
  }
}
