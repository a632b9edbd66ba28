import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { SKIPPED_DIRS, Workspace, isInside } from '../workspace';
import { WorkspaceEscapeError } from '../workspace-escape.error';
import { descriptorPath } from './descriptor-path';
import { FolderChangedError, WorkspaceDirectory } from './workspace-directory';
import { BINARY_SNIFF_BYTES, contentTypeOf } from './content-type';
import { entityTag, matchesEntityTag } from './entity-tag';
import { FileWriteRefusedError } from './file-write-refused.error';

/** Read size of a file stream: one HandleHTTPStream frame per read. */
const FILE_CHUNK_BYTES = 64 * 1024;
/** A temporary file: created here and now, never through a link. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A file opened for reading: its validators first; a large file's bytes only if the client needs them. */
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

  /**
   * Escapes are refused with 403, absences with 404. The real path is opened with O_NOFOLLOW
   * and the descriptor's own path checked before a byte is read: a link swapped in after the
   * check by path is never followed out of the workspace.
   */
  async open(path: string): Promise<OpenedFile> {
    const { real, realRoot } = await this.workspace.locate(path);
    const handle = await fs.open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
    if (!handle) throw new NotFoundException(`No file "${path}" in the workspace.`);
    try {
      const opened = await descriptorPath(handle.fd);
      if (opened !== null && !isInside(realRoot, opened)) throw new WorkspaceEscapeError(path);
      const stat = await handle.stat({ bigint: true });
      if (!stat.isFile()) throw new NotFoundException(`No file "${path}" in the workspace.`);
      const etag = entityTag(stat);
      if (stat.size <= BigInt(FILE_CHUNK_BYTES)) {
        const whole = await readWhole(handle, path, Number(stat.size), etag);
        await handle.close();
        return whole;
      }
      const head = Buffer.alloc(BINARY_SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const size = Number(stat.size);
      return {
        size,
        etag,
        contentType: contentTypeOf(path, head.subarray(0, bytesRead)),
        // No more than the size announced, should the file grow while it is streamed.
        stream: () => handle.createReadStream({ start: 0, end: size - 1, highWaterMark: FILE_CHUNK_BYTES }),
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
   * The refusals (.git, node_modules, build output) are decided on the real path, without case;
   * the folder is held open from the real root down (see WorkspaceDirectory), so neither the
   * temporary file nor the rename can land outside, and the temporary file goes on any failure.
   */
  async write(path: string, body: Buffer, ifMatch?: string): Promise<FileWritten> {
    const { full, real, realRoot } = await this.workspace.locate(path);
    const parts = relative(realRoot, real).split(sep);
    const skipped = parts.find((part) => SKIPPED_DIRS.has(part.toLowerCase()));
    if (skipped) throw new FileWriteRefusedError(path, 403, `it is under ${skipped}/, which the code plugin never writes`);
    const name = parts.pop();
    if (!name) throw new FileWriteRefusedError(path, 400, 'name a file, not the workspace root');
    const dir = await WorkspaceDirectory.open(realRoot, parts, true).catch((error) => refuseChanged(path, error));
    try {
      const existing = await fs.lstat(dir.path(name), { bigint: true }).catch(() => null);
      if (existing?.isDirectory()) throw new FileWriteRefusedError(path, 409, 'it is a folder');
      if (ifMatch !== undefined && (!existing || !matchesEntityTag(ifMatch, entityTag(existing)))) {
        throw new FileWriteRefusedError(path, 412, `its current version does not match If-Match ${ifMatch}`);
      }
      const temp = dir.path(`.${name}.${randomBytes(6).toString('hex')}.qntx-tmp`);
      const handle = await fs.open(temp, CREATE_NEW, existing ? Number(existing.mode & 0o777n) : 0o644);
      try {
        await handle.writeFile(body);
        await handle.sync();
        await handle.close();
        await fs.rename(temp, dir.path(name));
      } catch (error) {
        await handle.close().catch(() => undefined);
        await fs.rm(temp, { force: true });
        throw error;
      }
      const written = await fs.lstat(dir.path(name), { bigint: true });
      return { path: this.workspace.relativePath(full), size: body.length, etag: entityTag(written), created: !existing };
    } finally {
      await dir.close();
    }
  }
}

/**
 * A file of one frame or less is read when it is opened, and announced by the bytes read: one
 * rewritten in place (truncated, then written) while it is served still gets a content-length
 * that matches its body, where a size taken from stat could be shorter or longer than the bytes
 * read after it (the host answers such a mismatch with 502).
 */
async function readWhole(handle: fs.FileHandle, path: string, size: number, etag: string): Promise<OpenedFile> {
  const bytes = Buffer.alloc(size);
  const { bytesRead } = size > 0 ? await handle.read(bytes, 0, size, 0) : { bytesRead: 0 };
  const body = bytes.subarray(0, bytesRead);
  return {
    size: bytesRead,
    etag,
    contentType: contentTypeOf(path, body.subarray(0, BINARY_SNIFF_BYTES)),
    stream: () => Readable.from(bytesRead > 0 ? [body] : []),
    close: async () => undefined,
  };
}

function refuseChanged(path: string, error: unknown): never {
  if (error instanceof FolderChangedError) throw new FileWriteRefusedError(path, 409, 'a folder on its path changed while it was being written');
  throw error;
}
