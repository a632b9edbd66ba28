import type { ServerResponse } from 'node:http';

/**
 * Whether the client got all of a response that has closed. 'finish' says the last byte went to
 * the kernel, but it comes from a write callback: a client that has read the whole
 * Content-Length body may close first (at once, with `Connection: close`). So a response is
 * also delivered when it was ended, nothing of it is left in Node's buffers (its own or the
 * socket's), and the connection was closed rather than reset.
 */
export function wasDelivered(res: ServerResponse): boolean {
  if (res.writableFinished) return true;
  if (!res.writableEnded || res.writableLength > 0) return false;
  const socket = res.socket;
  return socket !== null && !socket.errored && socket.writableLength === 0;
}
