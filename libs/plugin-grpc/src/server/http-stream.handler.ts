import * as grpc from '@grpc/grpc-js';
import { Readable } from 'node:stream';
import { EMPTY_BODY, HttpBodySource, HttpHeaders, PluginHttpResponse, toBuffer } from '@qntx/domains';
import { WireHttpStreamFrame } from '../protocol/protocol.types';
import { headersFromWire, headersToWire } from '../protocol/protocol.mapping';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';
import { PluginHttpDispatcher } from './plugin-http.dispatcher';
import { toGrpcError } from './grpc-error.mapping';
import { cancellationOf } from './call-cancellation';
import { logAnswer } from './http-call.scope';

type FrameCall = grpc.ServerDuplexStream<WireHttpStreamFrame, WireHttpStreamFrame>;
type Frames = AsyncIterator<WireHttpStreamFrame>;

/**
 * Serves one HandleHTTPStream call: a request head and body frames in, a response head and body
 * frames out. Both bodies move at the pace of their reader; cancelling the call aborts the
 * handler's signal and stops the response body.
 */
export function serveHttpStream(call: FrameCall, dispatcher: PluginHttpDispatcher): void {
  // Tell the host at once that this method exists, before any handler has answered.
  call.sendMetadata(new grpc.Metadata());
  const cancellation = cancellationOf(call);
  exchange(call, dispatcher, cancellation.signal)
    .catch((error: unknown) => {
      if (!cancellation.signal.aborted) call.emit('error', toGrpcError(error));
    })
    .finally(cancellation.settle);
}

async function exchange(call: FrameCall, dispatcher: PluginHttpDispatcher, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  // Reading to the end must not destroy the call: the response still has to go out on it.
  const frames = call.iterator({ destroyOnReturn: false }) as Frames;
  const first = await frames.next();
  const head = first.done ? null : first.value.head;
  if (!head) {
    call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'the first HandleHTTPStream frame must be a head' });
    return;
  }
  const { match, request } = dispatcher.route(head.method, head.path, headersFromWire(head.headers), signal);
  let response: PluginHttpResponse;
  if (!match) {
    response = dispatcher.notFound(request);
  } else if (head.end_of_body) {
    if (!match.streamBody) request.body = head.body;
    else if (head.body.length > 0) request.bodyStream = Readable.from([head.body], { objectMode: false });
    response = await match.handler(request);
  } else if (match.streamBody) {
    request.bodyStream = Readable.from(bodyChunks(frames), { objectMode: false });
    response = await match.handler(request);
  } else {
    const body = await gatherBody(frames, dispatcher.maxBodyBytes);
    if (body) request.body = body;
    response = body ? await match.handler(request) : dispatcher.tooLarge();
  }
  logAnswer(head.method, head.path, response.status, started);
  await sendResponse(call, response, signal);
}

async function* bodyChunks(frames: Frames): AsyncGenerator<Buffer> {
  for (;;) {
    const next = await frames.next();
    if (next.done) return;
    if (next.value.data) yield next.value.data;
  }
}

/** The whole request body, or null when it is over `limit` (the rest is left unread). */
async function gatherBody(frames: Frames, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await frames.next();
    if (next.done) break;
    const data = next.value.data;
    if (!data) continue;
    size += data.length;
    if (size > limit) return null;
    chunks.push(data);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

async function sendResponse(call: FrameCall, response: PluginHttpResponse, signal: AbortSignal): Promise<void> {
  const status_code = response.status;
  if (!response.bodyStream && response.body.length <= HTTP_STREAM_CHUNK_BYTES) {
    // A small answer is one message: its body rides in the head.
    const headers = headersToWire(response.headers);
    call.write({ head: { method: '', path: '', status_code, headers, end_of_body: true, body: response.body } });
    call.end();
    return;
  }
  const headers = headersToWire(withLength(response));
  call.write({ head: { method: '', path: '', status_code, headers, end_of_body: false, body: EMPTY_BODY } });
  const source: HttpBodySource | Buffer[] = response.bodyStream ?? [response.body];
  try {
    // Leaving this loop early (the host went away) ends the source too: a file is closed.
    for await (const chunk of source) {
      const buffer = toBuffer(chunk);
      for (let at = 0; at < buffer.length; at += HTTP_STREAM_CHUNK_BYTES) {
        const slice = buffer.length <= HTTP_STREAM_CHUNK_BYTES ? buffer : buffer.subarray(at, at + HTTP_STREAM_CHUNK_BYTES);
        if (!call.write({ data: slice })) await drained(call, signal);
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
  if (!signal.aborted) call.end();
}

/** A whole body sent in frames keeps its length, so the client gets a Content-Length, not chunks. */
export function withLength(response: PluginHttpResponse): HttpHeaders {
  if (response.bodyStream || response.status === 204 || response.status === 304) return response.headers;
  return { ...response.headers, 'content-length': [String(response.body.length)] };
}

function drained(call: FrameCall, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('call cancelled'));
    const onDrain = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      call.off('drain', onDrain);
      reject(new Error('call cancelled'));
    };
    call.once('drain', onDrain);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
