import type { RE2JS } from 're2js';
import { SearchQuery } from './search-query';

/** Among the offsets of a long scan: a point where the search may let other requests run. */
export const PAUSE = -1;

/**
 * A regular expression sees at most this much of a line (minified code has lines of megabytes):
 * with the program size bounded, it keeps one line's work to milliseconds.
 */
export const MAX_REGEX_LINE_CHARS = 4096;

/**
 * Where a query matches in one file's text, one match per line (as `git grep`): a literal with
 * `String.indexOf`, a literal without case with a RegExp (a literal cannot backtrack), a regular
 * expression with RE2 (linear time), line by line, pausing after every line.
 */
export interface FileMatcher {
  /** A cheap first check on the raw bytes: false means "no match in this file". */
  mayMatch(body: Buffer): boolean;
  /** The offset of the first match on each matching line, in order, and PAUSE between lines of a regex scan. */
  offsets(text: string): Iterable<number>;
}

export function fileMatcher(query: SearchQuery): FileMatcher {
  if (query.pattern) return { mayMatch: () => true, offsets: (text) => regexOffsets(query.pattern!, text) };
  if (!query.ignoreCase) {
    const needle = Buffer.from(query.q, 'utf8');
    return { mayMatch: (body) => body.indexOf(needle) !== -1, offsets: (text) => literalOffsets(text, (from) => text.indexOf(query.q, from)) };
  }
  const pattern = new RegExp(query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const find = (text: string, from: number): number => {
    pattern.lastIndex = from;
    return pattern.exec(text)?.index ?? -1;
  };
  return { mayMatch: () => true, offsets: (text) => literalOffsets(text, (from) => find(text, from)) };
}

function* literalOffsets(text: string, find: (from: number) => number): Generator<number> {
  for (let at = find(0); at !== -1; ) {
    yield at;
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) return;
    at = find(lineEnd + 1);
  }
}

/** Each line on its own, so `^` and `$` are its ends and no match spans lines; a CR before the LF is no part of it. */
function* regexOffsets(pattern: RE2JS, text: string): Generator<number> {
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const stop = Math.min(end - (text[end - 1] === '\r' ? 1 : 0), start + MAX_REGEX_LINE_CHARS);
    const line = text.slice(start, Math.max(stop, start));
    // The DFA answers "does this line match" fast; only a matching line pays for the position.
    if (pattern.test(line)) {
      const matcher = pattern.matcher(line);
      if (matcher.find()) yield start + matcher.start();
    }
    yield PAUSE;
    start = end + 1;
  }
}
