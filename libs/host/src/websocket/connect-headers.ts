import type { IncomingMessage } from 'node:http';
import { connectionTokens, isHopByHop } from '../http/hop-by-hop';

/** Headers of the WebSocket handshake itself: meaningless to a plugin. */
const HANDSHAKE_HEADERS = new Set(['sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions']);

/**
 * The upgrade request's headers a socket handler may need (cookie, authorization, origin,
 * user-agent, sec-websocket-protocol...), one value per name as the wire's map wants, plus
 * X-Forwarded-For/-Proto/-Host as on the HTTP path.
 */
export function connectHeaders(req: IncomingMessage): Record<string, string> {
  const distinct = req.headersDistinct;
  const tokens = connectionTokens(distinct.connection);
  const headers: Record<string, string> = {};
  for (const name in distinct) {
    if (isHopByHop(name, tokens) || HANDSHAKE_HEADERS.has(name)) continue;
    headers[name] = distinct[name]!.join(name === 'cookie' ? '; ' : ', ');
  }
  const remote = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${remote}` : remote;
  headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  return headers;
}
