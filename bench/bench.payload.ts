import { IncomingMessage } from 'node:http';

/**
 * The one handler every contender serves, and its payloads. Every contender answers the same two
 * routes under the same paths, so the load generator sends byte-identical requests to each.
 */
export const BENCH_PLUGIN_NAME = 'bench';
export const SMALL_PATH = `/api/${BENCH_PLUGIN_NAME}/small`;
export const ECHO_PATH = `/api/${BENCH_PLUGIN_NAME}/echo`;
/** Streamed routes of the transfer scenarios: a sink that counts an upload, a source of N bytes. */
export const SINK_PATH = `/api/${BENCH_PLUGIN_NAME}/sink`;
export const SOURCE_PATH = `/api/${BENCH_PLUGIN_NAME}/source`;
/** The WebSocket echo of ws-echo-c1/c64: the same path on the host, the bare ws server and the relay. */
export const BENCH_WS_ECHO_PATH = `/ws/${BENCH_PLUGIN_NAME}/echo`;

/**
 * The guarded contenders' global guard lets a request through only with this header and value
 * (get-c64-guarded sends it); their global interceptor sets the second header on every answer.
 */
export const BENCH_TOKEN_HEADER = 'x-bench-token';
export const BENCH_TOKEN = 'bench-token-7c41e0';
export const BENCH_INTERCEPTED_HEADER = 'x-bench-intercepted';
/** What every request to a guarded contender carries. */
export const GUARDED_REQUEST_HEADERS: Readonly<Record<string, string>> = Object.freeze({ [BENCH_TOKEN_HEADER]: BENCH_TOKEN });

export const JSON_TYPE = 'application/json; charset=utf-8';
export const OCTET_TYPE = 'application/octet-stream';

/** The small JSON GET's answer (about 100 bytes once serialized). */
export const SMALL_BODY = Object.freeze({
  ok: true,
  service: 'bench',
  items: [1, 2, 3],
  message: 'a small JSON answer from the bench handler',
});

/** The same answer already serialized, for the minimal pipeline that answers from a constant. */
export const SMALL_BODY_BYTES = Buffer.from(JSON.stringify(SMALL_BODY));

export const ECHO_SIZE = 64 * 1024;

/** A deterministic 64 KiB body: the POST echo's request, and so its expected answer. */
export function echoPayload(): Buffer {
  const body = Buffer.alloc(ECHO_SIZE);
  for (let i = 0; i < ECHO_SIZE; i++) body[i] = (i * 31 + 7) & 0xff;
  return body;
}

/** The GET handler: what the framework contenders serialize per request. */
export function smallAnswer(): typeof SMALL_BODY {
  return SMALL_BODY;
}

/** Reads a raw request body (contenders that see the Node request stream themselves). */
export function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
