const API_PREFIX = '/api/';

/** "code" of "/api/code/files/x?y", "/api/code" or "/api/code?y"; undefined outside /api/, without allocating there. */
export function pluginSegment(url: string): string | undefined {
  if (!url.startsWith(API_PREFIX)) return undefined;
  let end = API_PREFIX.length;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */) break;
    end++;
  }
  return url.slice(API_PREFIX.length, end);
}
