import { Injectable } from '@nestjs/common';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Workspace } from '../workspace';
import { WorkspaceTree } from '../files/workspace-tree';
import { looksBinary } from '../files/content-type';
import { SearchQuery } from './search-query';
import { SearchHit, SearchSummary } from './search-hit.interface';
import { PAUSE, fileMatcher } from './file-matcher';
import { LineLocator } from './line-locator';

/** Files larger than this are not searched (generated bundles, data): counted as skipped. */
export const MAX_SEARCHED_FILE_BYTES = 16 * 1024 * 1024;
/** How long the search reads files before it lets other requests run. */
const SLICE_MS = 12;

/**
 * Text search over the workspace's source files (the same files as the tree). Files are read
 * with blocking calls in short slices: for thousands of small files that is several times
 * faster than promise-based reads, which pay a thread-pool round trip per open, stat, read and
 * close; every slice yields to the event loop, so other requests keep being served. A literal
 * is looked for in the raw bytes first, and only files that contain it are decoded.
 */
@Injectable()
export class CodeSearch {
  private scratch = Buffer.allocUnsafe(1024 * 1024);

  constructor(
    private readonly workspace: Workspace,
    private readonly tree: WorkspaceTree,
  ) {}

  /**
   * The matching lines (at most `query.limit`), in batches as they are found: one batch per
   * slice of work, so a client sees the first results while the search goes on. The last value
   * is the summary. Stops between files (and between lines of a regex scan) when `signal` aborts
   * (the client went away).
   */
  async *search(query: SearchQuery, signal?: AbortSignal): AsyncGenerator<SearchHit[] | SearchSummary> {
    const started = performance.now();
    const { paths } = await this.tree.listing();
    const summary: SearchSummary = { done: true, matches: 0, filesSearched: 0, filesSkipped: 0, truncated: false, elapsedMs: 0 };
    let batch: SearchHit[] = [];
    let sliceStart = performance.now();
    for (const found of this.scan(paths, query, summary)) {
      if (found !== PAUSE) {
        batch.push(found);
        continue;
      }
      if (performance.now() - sliceStart <= SLICE_MS) continue;
      if (batch.length > 0) yield batch;
      batch = [];
      await yieldToEventLoop();
      if (signal?.aborted) return;
      sliceStart = performance.now();
    }
    if (batch.length > 0) yield batch;
    summary.elapsedMs = Math.round(performance.now() - started);
    yield summary;
  }

  /** The hits, file after file, counted in `summary`; PAUSE between files and wherever the matcher pauses. */
  private *scan(paths: string[], query: SearchQuery, summary: SearchSummary): Generator<SearchHit | typeof PAUSE> {
    const root = this.workspace.rootPath;
    const matcher = fileMatcher(query);
    for (const path of paths) {
      if (summary.matches >= query.limit) {
        summary.truncated = true;
        return;
      }
      if (query.matches && !query.matches(path)) continue;
      yield PAUSE;
      const body = this.readSmallFile(join(root, path));
      if (!body || looksBinary(body)) {
        summary.filesSkipped++;
        continue;
      }
      summary.filesSearched++;
      if (!matcher.mayMatch(body)) continue;
      // Decoded before any pause: the body is a view of a buffer the next read reuses.
      const text = body.toString('utf8');
      const locator = new LineLocator(path, text);
      for (const at of matcher.offsets(text)) {
        if (at === PAUSE) {
          yield PAUSE;
          continue;
        }
        summary.matches++;
        yield locator.locate(at);
        if (summary.matches >= query.limit) break;
      }
    }
  }

  /**
   * The file's bytes (a view of a reused buffer: valid until the next read), or null for a
   * symlink, a folder, a file over the size limit or one that vanished. O_NOFOLLOW: a link in
   * the workspace is never followed, wherever it points.
   */
  private readSmallFile(full: string): Buffer | null {
    let fd: number;
    try {
      fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      return null;
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile() || stat.size > MAX_SEARCHED_FILE_BYTES) return null;
      if (stat.size > this.scratch.length) this.scratch = Buffer.allocUnsafe(stat.size);
      let length = 0;
      while (length < stat.size) {
        const read = readSync(fd, this.scratch, length, stat.size - length, length);
        if (read === 0) break;
        length += read;
      }
      return this.scratch.subarray(0, length);
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }
}
