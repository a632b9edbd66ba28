import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Workspace, SKIPPED_DIRS } from './workspace';
import { compileWatchGlob } from './watch-glob';
import { DirectoryTreeWatcher, TreeEvent } from './directory-tree.watcher';

export type FileChange = TreeEvent;

export interface WorkspaceWatch {
  close(): void;
}

/** The same event for the same path again within this window is one change, reported once. */
const DUPLICATE_WINDOW_MS = 50;

/**
 * File changes in the workspace that match a client's glob, with workspace-relative paths. The
 * folders the file tree skips (.git, node_modules, dist...) are not watched at all.
 */
@Injectable()
export class WorkspaceWatcher implements OnModuleDestroy {
  private readonly open = new Set<DirectoryTreeWatcher>();

  constructor(private readonly workspace: Workspace) {}

  onModuleDestroy(): void {
    for (const tree of this.open) tree.close();
    this.open.clear();
  }

  /** How many watches are open: the plugin's health shows it, so a leak would be visible. */
  get active(): number {
    return this.open.size;
  }

  /**
   * Resolves once the watch is in place. Throws WorkspaceEscapeError for a glob that leaves the
   * workspace. `onError` hears a watch that broke (its root removed, say); it is closed by then.
   */
  async watch(
    glob: string,
    onChange: (change: FileChange) => void,
    onError: (error: Error) => void,
  ): Promise<WorkspaceWatch> {
    const matches = compileWatchGlob(glob);
    const recent = new Map<string, number>();
    const report = (change: FileChange): void => {
      if (!matches(change.path)) return;
      const key = `${change.type}:${change.path}`;
      const now = Date.now();
      if (now - (recent.get(key) ?? -Infinity) < DUPLICATE_WINDOW_MS) return;
      if (recent.size > 1000) recent.clear();
      recent.set(key, now);
      onChange(change);
    };
    const tree = new DirectoryTreeWatcher(this.workspace.rootPath, (name) => SKIPPED_DIRS.has(name), report, (error) => {
      this.open.delete(tree);
      onError(error);
    });
    this.open.add(tree);
    const close = (): void => {
      this.open.delete(tree);
      tree.close();
    };
    try {
      await tree.start();
    } catch (error) {
      close();
      throw error;
    }
    return { close };
  }
}
