import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Author {
  name: string;
  email: string;
}

export const ADA: Author = { name: 'Ada Lovelace', email: 'ada@example.com' };
export const BOB: Author = { name: 'Bob Builder', email: 'bob@example.com' };

/** A real git repository in a temporary folder, driven with the git binary. */
export class GitRepo {
  private day = 0;

  constructor(readonly root: string) {}

  static init(prefix = 'qntx-repo-'): GitRepo {
    const repo = new GitRepo(mkdtempSync(join(tmpdir(), prefix)));
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
      cwd: this.root,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.root },
      encoding: 'utf8',
    });
  }

  write(path: string, content: string): this {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), content);
    return this;
  }

  move(from: string, to: string): this {
    renameSync(join(this.root, from), join(this.root, to));
    return this;
  }

  /** Commits everything as `author`, one day after the previous commit (from 2024-01-01, UTC). */
  commit(message: string, author: Author = ADA): string {
    this.day++;
    const date = `2024-01-${String(this.day).padStart(2, '0')}T12:00:00Z`;
    this.git('add', '-A');
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], {
      cwd: this.root,
      env: {
        ...process.env,
        HOME: this.root,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  merge(branch: string, author: Author = ADA): string {
    this.day++;
    const date = `2024-01-${String(this.day).padStart(2, '0')}T12:00:00Z`;
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'merge', '-q', '--no-ff', '-m', `Merge ${branch}`, branch], {
      cwd: this.root,
      env: {
        ...process.env,
        HOME: this.root,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** What the ingestion is checked against: `git log --all --oneline | wc -l`, through a shell. */
  commitCount(extra = ''): number {
    return Number(execSync(`git log --all --oneline ${extra} | wc -l`, { cwd: this.root, encoding: 'utf8' }).trim());
  }
}

/**
 * A history with what ingestion must get right: two authors, a rename, a merge, and a branch
 * that is merged nowhere (only `--all` sees it). Seven commits, 2024-01-01 to 2024-01-07.
 */
export function sampleHistory(): { repo: GitRepo; renameCommit: string; mergeCommit: string; sideCommit: string } {
  const repo = GitRepo.init();
  repo.write('README.md', '# demo\n').write('src/a.ts', 'export const a = 1;\n').commit('Start the demo');
  repo.write('src/a.ts', 'export const a = 2;\n').write('src/b.ts', 'export const b = 1;\n').commit('Add b');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('src/c.ts', 'export const c = 1;\n').commit('Add c on a branch', BOB);
  repo.git('checkout', '-q', 'main');
  const renameCommit = repo.move('src/b.ts', 'src/renamed.ts').commit('Rename b');
  const mergeCommit = repo.merge('feature');
  repo.git('checkout', '-q', '-b', 'side');
  const sideCommit = repo.write('docs/side.md', 'side\n').commit('Side work', BOB);
  repo.git('checkout', '-q', 'main');
  repo.write('src/a.ts', 'export const a = 3;\n').commit('Change a again');
  return { repo, renameCommit, mergeCommit, sideCommit };
}
