import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Answers an upgrade request with a plain HTTP error instead of switching protocols, so the
 * client sees why (404, 403, 503...) rather than a dropped connection. The body is the design
 * card's JSON error.
 */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  body: { error: string; plugin: string; message: string },
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(JSON.stringify(body));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${payload.length}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]));
}
