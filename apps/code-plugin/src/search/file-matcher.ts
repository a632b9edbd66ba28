import { SearchQuery } from './search-query';

/**
 * Where a query matches in one file's text, as offsets: a literal with `String.indexOf`, a
 * regular expression (or a literal without case) with a global, multiline RegExp. `from` lets
 * the caller skip the rest of a line that already matched.
 */
export interface FileMatcher {
  /** A cheap first check on the raw bytes: false means "no match in this file". */
  mayMatch(body: Buffer): boolean;
  next(text: string, from: number): number;
}

export function fileMatcher(query: SearchQuery): FileMatcher {
  if (!query.regex && !query.ignoreCase) {
    const needle = Buffer.from(query.q, 'utf8');
    return {
      mayMatch: (body) => body.indexOf(needle) !== -1,
      next: (text, from) => text.indexOf(query.q, from),
    };
  }
  const source = query.regex ? query.q : query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(source, `gmu${query.ignoreCase ? 'i' : ''}`);
  return {
    mayMatch: () => true,
    next: (text, from) => {
      pattern.lastIndex = from;
      const found = pattern.exec(text);
      return found ? found.index : -1;
    },
  };
}
