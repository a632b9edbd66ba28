import { chmodSync, copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { siblingTemp } from './atomic-file';

/**
 * File changes that happen together or not at all. Each change replaces a file atomically
 * (rename onto it), keeping a hard link to the old content beside it; `rollback` puts every
 * file back as it was, `commit` drops the old copies.
 */
export class FileTransaction {
  private readonly undo: (() => void)[] = [];
  private readonly cleanup: (() => void)[] = [];

  /** Puts `source` (a file beside `file`, renamed away) in place of `file`. */
  replace(file: string, source: string): void {
    const previous = this.keepPrevious(file);
    renameSync(source, file);
    this.undo.push(() => (previous ? renameSync(previous, file) : rmSync(file, { force: true })));
  }

  /** Writes `file` whole; a file that exists keeps its mode (am.plugins.toml may hold a token). */
  write(file: string, data: string, mode = 0o644): void {
    const temp = siblingTemp(file, 'tmp');
    writeFileSync(temp, data);
    chmodSync(temp, existsSync(file) ? statSync(file).mode & 0o777 : mode);
    try {
      this.replace(file, temp);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  /** Removes `file` when it exists. */
  remove(file: string): void {
    if (!existsSync(file)) return;
    const previous = siblingTemp(file, 'previous');
    renameSync(file, previous);
    this.undo.push(() => renameSync(previous, file));
    this.cleanup.push(() => rmSync(previous, { force: true }));
  }

  commit(): void {
    for (const step of this.cleanup.splice(0)) ignoreFailure(step);
    this.undo.length = 0;
  }

  rollback(): void {
    for (const step of this.undo.splice(0).reverse()) ignoreFailure(step);
    for (const step of this.cleanup.splice(0)) ignoreFailure(step);
  }

  private keepPrevious(file: string): string | null {
    if (!existsSync(file)) return null;
    const previous = siblingTemp(file, 'previous');
    try {
      linkSync(file, previous);
    } catch {
      copyFileSync(file, previous); // a file system without hard links
    }
    this.cleanup.push(() => rmSync(previous, { force: true }));
    return previous;
  }
}

function ignoreFailure(step: () => void): void {
  try {
    step();
  } catch {
    // Best effort: what could not be undone is reported by the caller's error already.
  }
}
