import { IncomingMessage } from 'node:http';
import { BodyTooLargeError, EMPTY_BODY, readBody } from '@qntx/domains';

/** Whether a request carries a body at all (RFC 9112 §6.3: a length or a transfer coding). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads a request body into one Buffer, refusing past `limit` bytes without reading the rest. */
export function readRequestBody(request: IncomingMessage, limit: number, plugin: string): Promise<Buffer> {
  if (!hasBody(request)) return Promise.resolve(EMPTY_BODY);
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyTooLargeError(plugin, limit));
  return readBody(request, limit, plugin);
}
