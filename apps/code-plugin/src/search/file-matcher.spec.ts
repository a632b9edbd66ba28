import { SearchQuery } from './search-query';
import { compileSearchPattern } from './search-pattern';
import { MAX_REGEX_LINE_CHARS, PAUSE, fileMatcher } from './file-matcher';

function query(q: string, options: { regex?: boolean; ignoreCase?: boolean } = {}): SearchQuery {
  const regex = options.regex ?? false;
  const ignoreCase = options.ignoreCase ?? false;
  return { q, regex, ignoreCase, pattern: regex ? compileSearchPattern(q, ignoreCase) : null, glob: null, matches: null, limit: 100 };
}

const hits = (q: SearchQuery, text: string): number[] => [...fileMatcher(q).offsets(text)].filter((at) => at !== PAUSE);

describe('fileMatcher', () => {
  const text = 'alpha beta\nbeta beta\r\ngamma\n';

  it('gives the first match of every matching line, for a literal, a literal without case and a regex alike', () => {
    expect(hits(query('beta'), text)).toEqual([6, 11]);
    expect(hits(query('BETA', { ignoreCase: true }), text)).toEqual([6, 11]);
    expect(hits(query('b[e]ta', { regex: true }), text)).toEqual([6, 11]);
  });

  it('matches a regex line by line: anchors at the line ends, a CR no part of the line, nothing across lines', () => {
    expect(hits(query('^beta beta$', { regex: true }), text)).toEqual([11]);
    expect(hits(query('beta\\s+beta', { regex: true }), 'beta\nbeta\n')).toEqual([]);
    expect(hits(query('^$', { regex: true }), 'a\n\nb\n')).toEqual([2]);
  });

  it('takes JavaScript escapes and named groups, and counts columns in UTF-16 characters', () => {
    expect(hits(query('caf\\u00e9 (?<n>\\d)', { regex: true }), '😀 café 1\n')).toEqual([3]);
  });

  it('pauses after every line of a regex scan, so the search can let other requests run', () => {
    const offsets = [...fileMatcher(query('x', { regex: true })).offsets('a\nb\nx\n')];
    expect(offsets).toEqual([PAUSE, PAUSE, 4, PAUSE]);
  });

  it(`looks at the first ${MAX_REGEX_LINE_CHARS} characters of a line only`, () => {
    const line = `${'a'.repeat(MAX_REGEX_LINE_CHARS - 1)}bc\n`;
    expect(hits(query('ab', { regex: true }), line)).toEqual([MAX_REGEX_LINE_CHARS - 2]);
    expect(hits(query('bc', { regex: true }), line)).toEqual([]);
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const started = performance.now();
    expect(hits(query('(.+)+Z$', { regex: true }), `${'x'.repeat(4000)}\n`.repeat(100))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
