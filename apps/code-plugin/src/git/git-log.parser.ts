import { GitCommit, GitFileChange } from './git-commit.interface';

const RECORD = '\x1e';
const FIELD = '\x1f';
const END_OF_HEADER = '\x1d';

/**
 * The `--format` the parser reads: each commit starts with RS, its fields are separated by US,
 * and GS ends the message; `--name-status` lines follow. Control characters cannot appear in
 * names, e-mails or dates, and hardly ever in messages, so the format needs no escaping.
 */
export const GIT_LOG_FORMAT = `%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B%x1d`;

/**
 * Parses `git log --name-status --format=GIT_LOG_FORMAT` output as it streams in: feed it text
 * chunks in order, and it returns the commits completed so far; `end()` returns the last one.
 */
export class GitLogParser {
  private pending = '';

  push(text: string): GitCommit[] {
    this.pending += text;
    // A commit touching many files spans many chunks: split only when one may have ended.
    if (!text.includes(RECORD)) return [];
    const records = this.pending.split(RECORD);
    // The last piece may be a commit still arriving; everything before it is complete.
    this.pending = records.pop() ?? '';
    return records.filter((record) => record.trim() !== '').map(parseRecord);
  }

  end(): GitCommit[] {
    const last = this.pending;
    this.pending = '';
    return last.trim() === '' ? [] : [parseRecord(last)];
  }
}

function parseRecord(record: string): GitCommit {
  const split = record.lastIndexOf(END_OF_HEADER);
  const header = split === -1 ? record : record.slice(0, split);
  const changes = split === -1 ? '' : record.slice(split + 1);
  const [hash, parents, authorName, authorEmail, authorDate, committerName, committerEmail, commitDate, ...message] =
    header.split(FIELD);
  return {
    hash: hash.trim(),
    parents: parents ? parents.split(' ').filter(Boolean) : [],
    author: { name: authorName ?? '', email: authorEmail ?? '' },
    authorDate: authorDate ?? '',
    committer: { name: committerName ?? '', email: committerEmail ?? '' },
    commitDate: commitDate ?? '',
    message: message.join(FIELD).replace(/\n+$/, ''),
    files: parseNameStatus(changes),
  };
}

/** "M\tpath", "R100\told\tnew"; paths git had to quote come C-quoted. */
function parseNameStatus(text: string): GitFileChange[] {
  const files: GitFileChange[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [status, first, second] = line.split('\t');
    if (!status || first === undefined) continue;
    const kind = status[0];
    if ((kind === 'R' || kind === 'C') && second !== undefined) {
      files.push({ status: kind, path: unquote(second), from: unquote(first) });
    } else {
      files.push({ status: kind, path: unquote(first) });
    }
  }
  return files;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/** Undoes git's C-style quoting ("a\tb", octal bytes "\303\251") of unusual paths. */
export function unquote(path: string): string {
  if (!(path.startsWith('"') && path.endsWith('"') && path.length >= 2)) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ESCAPES[next] ?? next, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
