import { SearchHit } from './search-hit.interface';

/** Longest snippet; a longer line is cut around the match. */
const SNIPPET_CHARS = 200;

/**
 * Turns offsets of matches in one file's text into line numbers, columns and snippets. Offsets
 * must come in increasing order: lines are counted incrementally, from the last one found.
 */
export class LineLocator {
  private countedTo = 0;
  private line = 1;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {}

  /** The hit at `offset`: its line, column and snippet. */
  locate(offset: number): SearchHit {
    const { text } = this;
    const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
    for (let at = text.indexOf('\n', this.countedTo); at !== -1 && at < lineStart; at = text.indexOf('\n', at + 1)) {
      this.line++;
    }
    this.countedTo = lineStart;
    const column = offset - lineStart;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    return { path: this.path, line: this.line, column: column + 1, snippet: snippet(line, column) };
  }
}

function snippet(line: string, column: number): string {
  if (line.length <= SNIPPET_CHARS) return line;
  const start = Math.max(0, Math.min(column - SNIPPET_CHARS / 4, line.length - SNIPPET_CHARS));
  return line.slice(start, start + SNIPPET_CHARS);
}
