import type { ServerResponse } from 'node:http';
import { HttpBodySource, PluginHttpResponse, disposeBody, toBuffer } from '@qntx/domains';
import { connectionTokens, isHopByHop } from './hop-by-hop';
import { PluginHttpException } from './plugin-http.exception';
import { RawExchange } from './raw-exchange';

const VALID_HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALID_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const DIGITS = /^\d+$/;
/**
 * Largest response head passed on. HTTP clients refuse far less (Node's parser stops at 16 KiB,
 * browsers near 256 KiB): a bigger head from a plugin is its fault, answered 502, never relayed.
 */
const MAX_RESPONSE_HEADER_BYTES = 256 * 1024;

/**
 * Writes a plugin's answer to the client, or throws a 502 when it is not a valid HTTP response. A
 * streamed body goes out as it comes, at the client's pace: the next chunk is pulled only once
 * the socket has taken the previous one.
 */
export async function writePluginResponse(
  plugin: string,
  exchange: RawExchange,
  response: PluginHttpResponse,
  sandboxed = true,
): Promise<void> {
  const { req, res } = exchange;
  const stream = response.bodyStream;
  const problem = invalidPart(response);
  if (problem) {
    disposeBody(stream);
    const message = `Plugin "${plugin}" sent ${problem}.`;
    throw new PluginHttpException(502, { error: 'Bad Gateway', plugin, message });
  }
  const noBody = response.status === 204 || response.status === 304;
  if (!stream || noBody || req.method === 'HEAD') {
    disposeBody(stream);
    exchange.take();
    setHead(res, response, sandboxed);
    // A HEAD of a streamed body keeps the length the plugin declared, if it declared one.
    const length = stream ? response.headers['content-length']?.[0] : response.body.length;
    if (!noBody && length !== undefined) res.setHeader('content-length', length);
    return void res.end(noBody || req.method === 'HEAD' ? undefined : response.body);
  }
  const declaredHeader = response.headers['content-length']?.[0];
  const declared = declaredHeader === undefined ? -1 : Number(declaredHeader);
  // Before the head goes out, so that a plugin dying now costs the client a clean 502/503, not a
  // 200 cut short: a small declared body is read whole, any other body up to its first piece.
  const held = await holdBody(plugin, stream, declared);
  exchange.take();
  setHead(res, response, sandboxed);
  if (Buffer.isBuffer(held)) {
    res.setHeader('content-length', held.length);
    return void res.end(held);
  }
  // A streamed body keeps the length the plugin declared (a file's size); otherwise it is chunked.
  if (declaredHeader !== undefined) res.setHeader('content-length', declaredHeader);
  res.flushHeaders();
  await pipeBody(held, res, declared);
}

/** Largest streamed body (by its Content-Length) read whole before the head is sent. */
const HELD_BODY_BYTES = 64 * 1024;

/**
 * A body of at most HELD_BODY_BYTES declared bytes, read whole; else the stream with its first
 * piece already read. Either way a plugin failing meanwhile throws while the head is unsent.
 */
async function holdBody(plugin: string, stream: HttpBodySource, declared: number): Promise<Buffer | HttpBodySource> {
  if (declared >= 0 && declared <= HELD_BODY_BYTES) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const buffer = toBuffer(chunk);
      size += buffer.length;
      if (size > declared) break;
      chunks.push(buffer);
    }
    if (size !== declared) {
      const message = `Plugin "${plugin}" sent a body ${size > declared ? 'longer' : 'shorter'} than its content-length ${declared}.`;
      throw new PluginHttpException(502, { error: 'Bad Gateway', plugin, message });
    }
    return Buffer.concat(chunks, size);
  }
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* rest(): AsyncGenerator<Uint8Array | string> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
}

/**
 * A plugin's page runs in an opaque origin of its own (scripts, forms and popups allowed, the
 * host's origin not): it cannot read host endpoints or restart plugins with the user's access.
 * Sent beside any policy of the plugin's own; browsers enforce both.
 */
const SANDBOX = 'sandbox allow-scripts allow-forms allow-popups allow-downloads';

/** The plugin's status and headers, less Content-Length (the caller sets what it sends) and hop-by-hop ones. */
function setHead(res: ServerResponse, response: PluginHttpResponse, sandboxed: boolean): void {
  const headers = response.headers;
  const tokens = connectionTokens(headers.connection);
  res.statusCode = response.status;
  for (const name in headers) {
    if (name !== 'content-length' && !isHopByHop(name, tokens)) res.setHeader(name, headers[name]);
  }
  if (!sandboxed) return;
  const policies = headers['content-security-policy'];
  res.setHeader('content-security-policy', policies ? [...policies, SANDBOX] : SANDBOX);
}

/**
 * Copies a streamed body to the client; a body that breaks off or lies about its length cuts the
 * connection. A declared body is ended with its last byte, not at the plugin's end of stream:
 * a client that has it all may close at once (`Connection: close`), and the response must not
 * look cut short then. What a plugin sends past its declared length is not read.
 */
async function pipeBody(source: HttpBodySource, res: ServerResponse, declared: number): Promise<void> {
  let sent = 0;
  try {
    for await (const chunk of source) {
      const buffer = toBuffer(chunk);
      if (buffer.length === 0) continue;
      if (res.writableEnded) break;
      sent += buffer.length;
      if (declared >= 0 && sent > declared) throw new Error('body longer than its content-length');
      const room = res.write(buffer);
      if (sent === declared) res.end();
      else if (!room) await drained(res);
    }
    if (res.writableEnded) return;
    if (declared >= 0 && sent !== declared) throw new Error('body shorter than its content-length');
    res.end();
  } catch {
    res.destroy();
  }
}

function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('client gone'));
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      res.off('drain', onDrain);
      reject(new Error('client gone'));
    };
    res.once('drain', onDrain).once('close', onClose);
  });
}

function invalidPart(response: PluginHttpResponse): string | null {
  if (!Number.isInteger(response.status) || response.status < 200 || response.status > 599) {
    return `an invalid status code ${response.status}`;
  }
  let headerBytes = 0;
  for (const name in response.headers) {
    if (!VALID_HEADER_NAME.test(name)) return `an invalid header name ${JSON.stringify(name)}`;
    for (const value of response.headers[name]) {
      headerBytes += name.length + value.length + 4;
      if (headerBytes > MAX_RESPONSE_HEADER_BYTES) return `headers larger than ${MAX_RESPONSE_HEADER_BYTES} bytes`;
      if (!VALID_HEADER_VALUE.test(value)) return `an invalid value for header "${name}"`;
    }
  }
  const length = response.headers['content-length'];
  if (response.bodyStream && length && (length.length !== 1 || !DIGITS.test(length[0]))) {
    return `an invalid content-length ${JSON.stringify(length.join(', '))}`;
  }
  return null;
}
