import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Workspace, SKIPPED_DIRS } from './workspace';
import { compileWatchGlob } from './watch-glob';
import { DirectoryTreeWatcher, TreeEvent } from './directory-tree.watcher';

export type FileChange = TreeEvent;

export interface WatchHandlers {
  onChange(change: FileChange): void;
  /** The watch broke (its root removed, say); it is closed by then. */
  onError(error: Error): void;
}

interface Subscriber extends WatchHandlers {
  matches(path: string): boolean;
}

/** The one tree watch of a workspace root, started on first demand and shared by every subscriber. */
interface SharedTree {
  root: string;
  tree: DirectoryTreeWatcher;
  ready: Promise<void>;
}

/** The same event for the same path again within this window is one change, reported once. */
const DUPLICATE_WINDOW_MS = 50;

/**
 * File changes in the workspace, with workspace-relative paths. One file-system watch serves the
 * whole plugin (one `fs.watch` per folder, whatever the number of clients); each change is
 * classified once and handed to the subscribers whose glob matches it. A subscriber costs a set
 * entry: no timer, no file-system work, nothing left behind once it is closed. The folders the
 * file tree skips (.git, node_modules, dist...) are not watched at all.
 */
@Injectable()
export class WorkspaceWatcher implements OnModuleDestroy {
  private shared: SharedTree | null = null;
  private readonly subscribers = new Set<Subscriber>();
  /** Hear every change, for as long as the watch lasts (the file list, to know when it is stale). */
  private readonly followers = new Set<WatchHandlers>();
  private readonly recent = new Map<string, number>();

  constructor(private readonly workspace: Workspace) {}

  onModuleDestroy(): void {
    this.stop();
    this.subscribers.clear();
    this.followers.clear();
  }

  /** How many watches clients hold: the plugin's health shows it, so a leak would be visible. */
  get active(): number {
    return this.subscribers.size;
  }

  /** How many folders the shared watch has an `fs.watch` on (0 before anyone watched). */
  get watchedFolders(): number {
    return this.shared?.tree.folderCount ?? 0;
  }

  /**
   * The changes that match `glob`, until `signal` aborts (the client left, or chose another
   * glob): the subscriber is gone at once then, whether the watch was in place yet or not.
   * Resolves once the watch is in place; throws WorkspaceEscapeError for a glob that leaves the
   * workspace.
   */
  async watch(glob: string, handlers: WatchHandlers, signal: AbortSignal): Promise<void> {
    const subscriber: Subscriber = { ...handlers, matches: compileWatchGlob(glob) };
    if (signal.aborted) return;
    const close = (): void => void this.subscribers.delete(subscriber);
    this.subscribers.add(subscriber);
    signal.addEventListener('abort', close, { once: true });
    try {
      await this.started().ready;
    } catch (error) {
      close();
      signal.removeEventListener('abort', close);
      throw error;
    }
  }

  /** `handlers` hear every change until the watch breaks (then `onError`, and they are dropped). */
  async follow(handlers: WatchHandlers): Promise<void> {
    this.followers.add(handlers);
    try {
      await this.started().ready;
    } catch (error) {
      this.followers.delete(handlers);
      throw error;
    }
  }

  /** The shared watch of the current root, started now if there is none. */
  private started(): SharedTree {
    const root = this.workspace.rootPath;
    if (this.shared?.root === root) return this.shared;
    this.stop();
    const tree = new DirectoryTreeWatcher(
      root,
      (name) => SKIPPED_DIRS.has(name),
      (change) => this.dispatch(change),
      (error) => this.broke(shared, error),
    );
    const shared: SharedTree = { root, tree, ready: tree.start() };
    // Whoever awaits `ready` hears the failure; the next watch tries again.
    shared.ready.catch(() => this.shared === shared && this.stop());
    this.shared = shared;
    return shared;
  }

  private dispatch(change: FileChange): void {
    const key = `${change.type}:${change.path}`;
    const now = Date.now();
    if (now - (this.recent.get(key) ?? -Infinity) < DUPLICATE_WINDOW_MS) return;
    if (this.recent.size > 1000) this.recent.clear();
    this.recent.set(key, now);
    for (const follower of this.followers) follower.onChange(change);
    for (const subscriber of this.subscribers) if (subscriber.matches(change.path)) subscriber.onChange(change);
  }

  private stop(): void {
    this.shared?.tree.close();
    this.shared = null;
  }

  /** The watch stopped: everyone hears it, and the next watch starts afresh. */
  private broke(shared: SharedTree, error: Error): void {
    if (this.shared !== shared) return;
    this.stop();
    const told = [...this.followers, ...this.subscribers];
    this.followers.clear();
    this.subscribers.clear();
    for (const handlers of told) handlers.onError(error);
  }
}
