import { Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { SKIPPED_DIRS, Workspace, WorkspaceFile } from '../workspace';
import { GitBinary } from '../git/git-binary';
import { runGit } from '../git/git-process';
import { walkHonoringGitignore } from './gitignore.walker';
import { WorkspaceWatcher } from '../workspace-watcher';

export type TreeSource = 'git' | 'walk';

export interface WorkspaceListing {
  /** Workspace-relative paths with "/" separators, sorted. */
  paths: string[];
  /** `git ls-files` when the workspace is in a git repository, else a walk that reads .gitignore files. */
  source: TreeSource;
}

/**
 * The workspace's source files: what git would consider (tracked files, plus untracked ones
 * .gitignore does not exclude), never anything under .git, node_modules or build output. Without
 * a repository (or without git), a walk of the folder applies the .gitignore files it finds.
 *
 * The list is made once and kept while the workspace's shared watch (WorkspaceWatcher) sees no
 * change; a change makes it stale, and the next request makes it again. Requests meanwhile share
 * that one listing, so `git ls-files` runs at most once at a time, never once per request.
 */
@Injectable()
export class WorkspaceTree {
  private cached: { root: string; listing: Promise<WorkspaceListing> } | null = null;
  /** Whether changes are being followed (so a kept listing is current); false until the watch is in place. */
  private following: Promise<boolean> | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly git: GitBinary,
    private readonly watcher: WorkspaceWatcher,
  ) {}

  async listing(): Promise<WorkspaceListing> {
    const root = this.workspace.rootPath;
    if (this.cached?.root === root) return this.cached.listing;
    const current = await this.followChanges();
    const listing = this.list(root);
    if (!current) return listing;
    const cached = { root, listing };
    this.cached = cached;
    // A failed listing is not kept: the next request tries again.
    listing.catch(() => this.cached === cached && (this.cached = null));
    return listing;
  }

  private followChanges(): Promise<boolean> {
    this.following ??= this.watcher
      .follow({
        onChange: (change) => {
          // A file's content changing leaves the list as it is (sizes are read per request).
          if (change.type !== 'changed' || change.path.endsWith('.gitignore')) this.cached = null;
        },
        onError: () => {
          this.cached = null;
          this.following = null;
        },
      })
      .then(
        () => true,
        () => {
          this.following = null;
          return false;
        },
      );
    return this.following;
  }

  private async list(root: string): Promise<WorkspaceListing> {
    let paths: string[];
    let source: TreeSource = 'git';
    try {
      const out = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
        cwd: root,
        binary: this.git.path,
      });
      paths = out.toString('utf8').split('\0');
    } catch {
      // Not a repository, or no git: the walk gives the same answer from the .gitignore files.
      paths = await walkHonoringGitignore(root, SKIPPED_DIRS);
      source = 'walk';
    }
    const kept = [...new Set(paths)].filter((path) => path !== '' && !path.split('/').some((part) => SKIPPED_DIRS.has(part)));
    return { paths: (await this.withoutLinkedFolders(root, kept)).sort(compareBytes), source };
  }

  /**
   * Leaves out paths reached through a symlinked folder: git still lists the files it tracked
   * under a folder that was later replaced by a link, and following it could lead outside the
   * workspace. One realpath per distinct folder, not per file.
   */
  private async withoutLinkedFolders(root: string, paths: string[]): Promise<string[]> {
    const realRoot = await fs.realpath(root);
    const verdicts = new Map<string, Promise<boolean>>();
    const folderIsReal = (folder: string): Promise<boolean> => {
      let verdict = verdicts.get(folder);
      if (!verdict) {
        verdict = fs.realpath(join(root, folder)).then(
          (real) => real === join(realRoot, folder),
          () => false,
        );
        verdicts.set(folder, verdict);
      }
      return verdict;
    };
    const keep = await Promise.all(paths.map((path) => (path.includes('/') ? folderIsReal(dirname(path)) : true)));
    return paths.filter((_, index) => keep[index]);
  }

  /** Regular files with their sizes (files git lists but that are gone, symlinks and submodules left out). */
  async files(limit = 50_000): Promise<{ files: WorkspaceFile[]; truncated: boolean; source: TreeSource }> {
    const { paths, source } = await this.listing();
    const root = this.workspace.rootPath;
    const files: WorkspaceFile[] = [];
    for (const path of paths) {
      if (files.length >= limit) return { files, truncated: true, source };
      const stat = await fs.lstat(join(root, path)).catch(() => null);
      if (stat?.isFile()) files.push({ path, size: stat.size });
    }
    return { files, truncated: false, source };
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
