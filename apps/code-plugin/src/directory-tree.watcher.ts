import { FSWatcher, promises as fs, watch } from 'node:fs';
import { join } from 'node:path';

export type TreeEvent = { type: 'created' | 'changed' | 'deleted'; path: string };

/**
 * Watches a folder tree with one `fs.watch` per folder, skipping the folders `skip` names. Node
 * 20's `recursive: true` on Linux walks the whole tree synchronously, puts an inotify watch on
 * every file (node_modules included) and reports every existing file as renamed when it starts;
 * per-folder watches cost one watch per folder and report only what changes. A folder created
 * later is watched as it appears, and the files already in it are reported as created.
 */
export class DirectoryTreeWatcher {
  private readonly folders = new Map<string, FSWatcher>();
  /** Files seen so far: a "rename" of one of them is a change (an editor's atomic save), not a creation. */
  private readonly files = new Set<string>();
  private closed = false;
  /** Events are classified one after another, so they come out in the order they happened. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly skip: (name: string) => boolean,
    private readonly onEvent: (event: TreeEvent) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  get folderCount(): number {
    return this.folders.size;
  }

  /** Resolves once every folder is watched: changes from then on are reported. */
  async start(): Promise<void> {
    await this.watchFolder('', false);
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
  }

  private async watchFolder(relative: string, reportFiles: boolean): Promise<void> {
    if (this.closed || this.folders.has(relative)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(join(this.root, relative), (event, name) => {
        if (name) this.enqueue(relative ? `${relative}/${name.toString()}` : name.toString(), event);
      });
    } catch (error) {
      if (relative === '') throw error; // the root itself: the caller must hear it
      return; // a folder gone before we got to it
    }
    watcher.on('error', (error) => (relative === '' ? this.fail(error) : this.forget(relative)));
    this.folders.set(relative, watcher);
    const entries = await fs.readdir(join(this.root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !this.skip(entry.name)) await this.watchFolder(path, reportFiles);
      else if (entry.isFile() && !this.files.has(path)) {
        this.files.add(path);
        if (reportFiles) this.emit({ type: 'created', path });
      }
    }
  }

  private enqueue(path: string, event: 'rename' | 'change'): void {
    if (path.split('/').some(this.skip)) return;
    this.queue = this.queue.then(() => this.classify(path, event)).catch((error: Error) => this.fail(error));
  }

  /** What happened to a path, from whether it is there now and whether it was before. */
  private async classify(path: string, event: 'rename' | 'change'): Promise<void> {
    const stat = await fs.stat(join(this.root, path)).catch(() => null);
    if (stat?.isDirectory()) return this.watchFolder(path, true);
    const known = this.files.has(path);
    if (!stat) {
      if (this.folders.has(path)) return this.forget(path);
      if (!known) return; // created and deleted before we looked: nothing to report
      this.files.delete(path);
      return this.emit({ type: 'deleted', path });
    }
    if (!known) {
      this.files.add(path);
      return this.emit({ type: 'created', path });
    }
    this.emit({ type: 'changed', path });
  }

  /** A folder that went away: its watches and those below it are closed, its files reported gone. */
  private forget(folder: string): void {
    const below = (path: string): boolean => path === folder || path.startsWith(`${folder}/`);
    for (const [path, watcher] of this.folders) {
      if (!below(path)) continue;
      watcher.close();
      this.folders.delete(path);
    }
    for (const path of this.files) {
      if (!below(path)) continue;
      this.files.delete(path);
      this.emit({ type: 'deleted', path });
    }
  }

  private emit(event: TreeEvent): void {
    if (!this.closed) this.onEvent(event);
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.close();
    this.onError(error);
  }
}
