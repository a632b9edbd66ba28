import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER } from '@qntx/plugin-grpc';

/** What a client may send as X-Request-Id: up to 128 visible ASCII characters, no spaces. */
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/** The client's request id when it is usable as a log field and a header, else a new UUID. */
export function requestIdFor(given: string | string[] | undefined): string {
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}

/** Gives a request its id (the client's, or a new one) on the request and the response; returns it. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = requestIdFor(given);
  if (given !== requestId) {
    req.headers[REQUEST_ID_HEADER] = requestId;
    req.headersDistinct[REQUEST_ID_HEADER] = [requestId];
  }
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}
