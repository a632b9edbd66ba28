import type { ServerResponse } from 'node:http';

export interface JsonErrorBody {
  error: string;
  plugin: string;
  message: string;
}

/**
 * Answers with the design card's JSON error. When the head is already out (a streamed body broke
 * half-way), the only honest signal left is to cut the connection.
 */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: JsonErrorBody,
): void {
  if (res.headersSent) return void res.destroy();
  if (res.destroyed) return;
  const payload = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name]);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', payload.length);
  res.end(payload);
}
