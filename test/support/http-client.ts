import { createHash } from 'node:crypto';
import { IncomingHttpHeaders, IncomingMessage, request as httpRequest } from 'node:http';

export interface ClientResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names and values as they came on the wire, in order. */
  rawHeaders: string[];
  body: Buffer;
}

export interface ClientRequest {
  method?: string;
  headers?: Record<string, string | string[]>;
  /** A whole body (sent with Content-Length), or chunks (sent chunked, with backpressure). */
  body?: Buffer | Iterable<Buffer>;
  agent?: false;
}

/** Sends one request with node:http and resolves with the whole response. */
export async function send(url: string, options: ClientRequest = {}): Promise<ClientResponse> {
  const res = await open(url, options);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) };
}

/** Sends one request and resolves with the response as soon as its head arrives. */
export function open(url: string, options: ClientRequest = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, resolve);
    req.on('error', reject);
    writeBody(req, options.body).catch((error: Error) => req.destroy(error));
  });
}

async function writeBody(req: ReturnType<typeof httpRequest>, body: ClientRequest['body']): Promise<void> {
  if (body === undefined) return void req.end();
  if (Buffer.isBuffer(body)) {
    req.setHeader('content-length', body.length);
    return void req.end(body);
  }
  for (const chunk of body) {
    if (!req.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          req.off('close', onClose);
          resolve();
        };
        const onClose = (): void => {
          req.off('drain', onDrain);
          reject(new Error('request closed while uploading'));
        };
        req.once('drain', onDrain).once('close', onClose);
      });
    }
  }
  req.end();
}

/** Reads a response body to its end, hashing it on the way (never holding it). */
export async function hashBody(res: IncomingMessage): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function json<T = Record<string, unknown>>(response: ClientResponse): T {
  return JSON.parse(response.body.toString('utf8')) as T;
}
