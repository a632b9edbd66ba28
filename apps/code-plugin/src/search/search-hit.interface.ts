/** One matching line: where (1-based line, 1-based column in UTF-16 characters) and the line itself. */
export interface SearchHit {
  path: string;
  line: number;
  column: number;
  snippet: string;
}

/** The last line of a search's output: how much was searched and whether `limit` cut it short. */
export interface SearchSummary {
  done: true;
  matches: number;
  filesSearched: number;
  /** Binary files, files over the size limit, and files that vanished or could not be opened. */
  filesSkipped: number;
  truncated: boolean;
  elapsedMs: number;
}
