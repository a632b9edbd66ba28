import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { HttpHeaders } from '@qntx/domains';
import { connectionTokens, isHopByHop } from './hop-by-hop';

/** The client's headers without hop-by-hop ones, plus X-Forwarded-For/-Proto/-Host. */
export function forwardedHeaders(req: IncomingMessage): HttpHeaders {
  const distinct = req.headersDistinct as HttpHeaders;
  const tokens = connectionTokens(distinct.connection);
  const headers: HttpHeaders = {};
  for (const name in distinct) {
    if (!isHopByHop(name, tokens)) headers[name] = distinct[name];
  }
  const remote = req.socket.remoteAddress ?? '';
  const prior = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? [`${prior.join(', ')}, ${remote}`] : [remote];
  // Not req.protocol: Express reads the deprecated req.connection for it, at a cost on every request.
  headers['x-forwarded-proto'] = [(req.socket as TLSSocket).encrypted ? 'https' : 'http'];
  if (req.headers.host) headers['x-forwarded-host'] = [req.headers.host];
  return headers;
}
