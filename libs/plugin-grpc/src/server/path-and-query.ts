/** Splits "/api/x/y?a=1" into its path and its query (without "?"). */
export function splitPathAndQuery(full: string): { path: string; query: string } {
  const index = full.indexOf('?');
  return index < 0 ? { path: full, query: '' } : { path: full.slice(0, index), query: full.slice(index + 1) };
}
