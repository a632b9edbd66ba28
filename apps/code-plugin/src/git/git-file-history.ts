import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Workspace } from '../workspace';
import { GitBinary } from './git-binary';
import { runGit } from './git-process';
import { GIT_LOG_FORMAT, GitLogParser } from './git-log.parser';
import { GitHistoryError } from './git-history.error';

export interface FileHistoryEntry {
  hash: string;
  parents: string[];
  author: { name: string; email: string };
  date: string;
  subject: string;
  /** What the commit did to the file (A, M, D, R...) and the path it had then. */
  status: string | null;
  path: string;
  from?: string;
}

/** `GET /api/code/git/log?path=`: one file's commits, newest first, following renames. */
@Injectable()
export class GitFileHistory {
  constructor(
    private readonly workspace: Workspace,
    private readonly git: GitBinary,
  ) {}

  /** `path` is confined like every other path and reaches git as a literal name (no pathspec magic). */
  async log(path: string, limit: number): Promise<FileHistoryEntry[]> {
    const relative = this.workspace.relativePath(await this.workspace.confine(path));
    if (relative === '') throw new BadRequestException('"path" is required: the workspace file whose history to show.');
    const args = ['log', '--follow', '-M', '--relative', '--name-status', `--max-count=${limit}`, `--format=${GIT_LOG_FORMAT}`, '--', relative];
    let out: Buffer;
    try {
      out = await runGit(args, { cwd: this.workspace.rootPath, binary: this.git.path });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/not a git repository/i.test(message)) throw new NotFoundException('The workspace is not a git repository: there is no history to show.');
      throw new GitHistoryError(relative, error);
    }
    const parser = new GitLogParser();
    const commits = [...parser.push(out.toString('utf8')), ...parser.end()];
    return commits.map((commit) => {
      const change = commit.files[0];
      return {
        hash: commit.hash,
        parents: commit.parents,
        author: commit.author,
        date: commit.authorDate,
        subject: commit.message.split('\n')[0],
        status: change?.status ?? null,
        path: change?.path ?? relative,
        ...(change?.from ? { from: change.from } : {}),
      };
    });
  }
}
