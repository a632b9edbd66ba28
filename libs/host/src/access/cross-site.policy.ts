import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The Fetch Metadata resource-isolation policy (web.dev/articles/fetch-metadata), for plugin
 * routes: a page on another site may navigate the user to a plugin page (a top-level GET), and
 * nothing else: no `<img>`, `<script>`, no-cors `fetch` or form POST reaches the plugin. Browsers
 * without Fetch Metadata are held to the older rule: a state-changing request whose Origin is
 * another origin is refused. Requests without either header (curl, the CLI, servers) pass.
 * Null when allowed, else why not.
 */
export function crossSiteRefusal(req: IncomingMessage): string | null {
  const method = req.method ?? 'GET';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'same-site' || site === 'none') return null;
    const navigation = req.headers['sec-fetch-mode'] === 'navigate' && (method === 'GET' || method === 'HEAD');
    const dest = req.headers['sec-fetch-dest'];
    if (navigation && dest !== 'object' && dest !== 'embed') return null;
    return `A page on another site may not send ${method} requests to plugin routes (Sec-Fetch-Site: ${site}); only top-level navigations are allowed.`;
  }
  const origin = req.headers.origin;
  if (origin === undefined || SAFE_METHODS.has(method) || isSameOrigin(origin, req)) return null;
  return `A page of ${origin} may not send ${method} requests to plugin routes.`;
}

/** Whether `origin` is the origin this request was made to: scheme, host and port. */
export function isSameOrigin(origin: string, req: IncomingMessage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed pages, file: URLs) and garbage
  }
  const scheme = (req.socket as TLSSocket).encrypted ? 'https:' : 'http:';
  return parsed.protocol === scheme && parsed.host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
}
