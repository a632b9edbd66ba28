import { Injectable } from '@nestjs/common';
import { runGit } from './git-process';

/** How long a health check reuses the last answer: spawning git on every probe is wasteful. */
const CACHE_MS = 30_000;

export interface GitBinaryStatus {
  ok: boolean;
  /** "git version 2.39.5 (git)" or why it cannot be run. */
  detail: string;
}

/** The git binary the plugin runs (`git_binary` in am.code.toml, "git" on the PATH by default). */
@Injectable()
export class GitBinary {
  private binary = 'git';
  private cached: { at: number; status: GitBinaryStatus } | null = null;

  use(binary: string): void {
    this.binary = binary || 'git';
    this.cached = null;
  }

  get path(): string {
    return this.binary;
  }

  async status(): Promise<GitBinaryStatus> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.status;
    let status: GitBinaryStatus;
    try {
      const version = (await runGit(['--version'], { cwd: process.cwd(), binary: this.binary })).toString('utf8').trim();
      status = { ok: true, detail: `${version} (${this.binary})` };
    } catch (error) {
      status = { ok: false, detail: `cannot run "${this.binary}": ${error instanceof Error ? error.message : String(error)}` };
    }
    this.cached = { at: Date.now(), status };
    return status;
  }
}
