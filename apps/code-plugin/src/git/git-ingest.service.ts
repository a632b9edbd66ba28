import { Injectable } from '@nestjs/common';
import { NewAttestation, PluginAttestations } from '@qntx/domains';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { GitBinary } from './git-binary';
import { gitExit, runGit, spawnGit } from './git-process';
import { GIT_LOG_FORMAT, GitLogParser } from './git-log.parser';
import { commitAttestations } from './commit-attestations';
import { NotARepositoryError } from './not-a-repository.error';

/** Records per write; also bounded by size so one call stays well under the message limit. */
const BATCH_RECORDS = 500;
const BATCH_BYTES = 2 * 1024 * 1024;
const PROGRESS_EVERY_MS = 1000;

export interface IngestOptions {
  /** An absolute path (the command resolves relative ones). */
  repoPath: string;
  /** Only commits after this date (passed to `git log --since`). */
  since?: string;
  /** Count, write nothing. */
  dryRun: boolean;
  actor: string;
  /** One line per second while it runs. */
  progress(line: string): void;
  signal?: AbortSignal;
}

export interface IngestSummary {
  repository: string;
  context: string;
  commits: number;
  attestations: number;
  inserted: number;
  existing: number;
  elapsedMs: number;
  dryRun: boolean;
}

/**
 * `qntx code ix git`: reads `git log --all --name-status` as it streams and writes each
 * commit's attestations in batches. Reading waits while a batch is written (the stream is
 * consumed with for-await, so git itself is paused when the store is slower than git).
 */
@Injectable()
export class GitIngest {
  constructor(private readonly git: GitBinary) {}

  async ingest(options: IngestOptions, store: PluginAttestations): Promise<IngestSummary> {
    const started = Date.now();
    const repository = await this.toplevel(options.repoPath);
    const context = `repo:${basename(repository)}`;
    // Fails at once, with the store's own reason, when this plugin has no store.
    if (!options.dryRun) await store.count({ context });
    const summary: IngestSummary = { repository, context, commits: 0, attestations: 0, inserted: 0, existing: 0, elapsedMs: 0, dryRun: options.dryRun };
    let batch: NewAttestation[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      if (!options.dryRun) {
        const result = await store.put(batch);
        summary.inserted += result.inserted;
        summary.existing += result.existing;
      }
      batch = [];
      batchBytes = 0;
    };
    const args = ['log', '--all', '-M', '--name-status', `--format=${GIT_LOG_FORMAT}`];
    if (options.since) args.push(`--since=${options.since}`);
    const child = spawnGit(args, { cwd: repository, binary: this.git.path, signal: options.signal });
    const exited = gitExit(child, args);
    const parser = new GitLogParser();
    let lastProgress = Date.now();
    const take = async (commits: ReturnType<GitLogParser['push']>): Promise<void> => {
      for (const commit of commits) {
        summary.commits++;
        for (const record of commitAttestations(commit, { context, actor: options.actor })) {
          batch.push(record);
          batchBytes += estimateBytes(record);
          summary.attestations++;
        }
        if (batch.length >= BATCH_RECORDS || batchBytes >= BATCH_BYTES) await flush();
      }
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        options.progress(progressLine(summary, started));
      }
    };
    try {
      child.stdout.setEncoding('utf8');
      for await (const chunk of child.stdout as AsyncIterable<string>) await take(parser.push(chunk));
      await take(parser.end());
      await flush();
      await exited;
    } catch (error) {
      child.kill('SIGTERM');
      await exited.catch(() => undefined);
      throw error;
    }
    summary.elapsedMs = Date.now() - started;
    return summary;
  }

  private async toplevel(path: string): Promise<string> {
    const stat = await fs.stat(path).catch(() => null);
    if (!stat?.isDirectory()) throw new NotARepositoryError(path, 'there is no such folder');
    try {
      return (await runGit(['rev-parse', '--show-toplevel'], { cwd: path, binary: this.git.path })).toString('utf8').trim();
    } catch (error) {
      throw new NotARepositoryError(path, error instanceof Error ? error.message : String(error));
    }
  }
}

export function progressLine(summary: IngestSummary, started: number): string {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  return `ix git: ${summary.commits} commits, ${summary.attestations} attestations (${Math.round(summary.commits / seconds)} commits/s)`;
}

function estimateBytes(record: NewAttestation): number {
  return record.id.length + record.subject.length + 64 + (record.predicate === 'commit' ? JSON.stringify(record.attributes).length : 64);
}
