/**
 * Whether a WebSocket upgrade may proceed, by its Origin: browsers send Origin on every
 * WebSocket handshake and let any page open a socket to any host, so without this check a
 * foreign page could talk to the plugins with the user's cookies. Same-origin means the
 * Origin's host[:port] equals the Host header; `allowed` adds exact origins, or "*" for any.
 * No Origin at all is a non-browser client, which no page can drive: allowed.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (host !== undefined && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return allowed.some((entry) => sameOrigin(entry, parsed));
}

function sameOrigin(entry: string, origin: URL): boolean {
  try {
    return new URL(entry).origin === origin.origin;
  } catch {
    return false;
  }
}
