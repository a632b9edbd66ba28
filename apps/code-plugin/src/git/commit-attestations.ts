import { NewAttestation } from '@qntx/domains';
import { GitCommit } from './git-commit.interface';

/** Paths listed in a commit's own record; every path also gets its own "touched" record. */
const FILES_IN_COMMIT_RECORD = 200;

export interface CommitAttestationOptions {
  /** "repo:<name>", the context of every record. */
  context: string;
  /** Who says so: `--actor`, or the default. */
  actor: string;
}

/**
 * The attestations of one commit. Every id is derived from the commit hash (content-addressed),
 * so ingesting the same history again, from any clone, writes nothing new:
 *   git:<hash>                 commit:<hash>  commit    (author, committer, message, parents, files)
 *   git:<hash>:authored        author:<email> authored  (the commit, the author's name)
 *   git:<hash>:touched:<path>  file:<path>    touched   (the commit, A/M/D/R/C/T, the old path)
 */
export function commitAttestations(commit: GitCommit, options: CommitAttestationOptions): NewAttestation[] {
  const base = { context: options.context, actor: options.actor, timestamp: commit.authorDate };
  const records: NewAttestation[] = [
    {
      ...base,
      id: `git:${commit.hash}`,
      subject: `commit:${commit.hash}`,
      predicate: 'commit',
      attributes: {
        hash: commit.hash,
        author: commit.author,
        committer: { ...commit.committer, date: commit.commitDate },
        message: commit.message,
        parents: commit.parents,
        merge: commit.parents.length > 1,
        fileCount: commit.files.length,
        files: commit.files.slice(0, FILES_IN_COMMIT_RECORD),
      },
    },
    {
      ...base,
      id: `git:${commit.hash}:authored`,
      subject: `author:${commit.author.email || commit.author.name}`,
      predicate: 'authored',
      attributes: { commit: commit.hash, name: commit.author.name },
    },
  ];
  for (const file of commit.files) {
    records.push({
      ...base,
      id: `git:${commit.hash}:touched:${file.path}`,
      subject: `file:${file.path}`,
      predicate: 'touched',
      attributes: file.from ? { commit: commit.hash, status: file.status, from: file.from } : { commit: commit.hash, status: file.status },
    });
  }
  return records;
}
