import * as grpc from '@grpc/grpc-js';
import { Readable } from 'node:stream';
import { HttpHeaders, PluginHttpResponse } from '@qntx/domains';
import { WireHttpStreamFrame, WireHttpStreamHead } from '../protocol/protocol.types';
import { headersFromWire } from '../protocol/protocol.mapping';
import { PluginHttpDispatcher } from './plugin-http.dispatcher';
import { toGrpcError } from './grpc-error.mapping';
import { cancellationOf } from './call-cancellation';
import { logAnswer } from './http-call.scope';
import { bodyPieces, responseHead } from './response-frames';

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
  const headers = headersFromWire(head.headers);
  const response = head.end_of_body
    ? await dispatcher.answer(head.method, head.path, headers, head.body, signal, 'HandleHTTPStream')
    : await answerWithBodyFrames(dispatcher, head, headers, frames, signal);
  logAnswer(head.method, head.path, response.status, started);
  await sendResponse(call, response, signal);
}

/** A request whose body follows in data frames: streamed to a streaming route, else gathered up to the limit. */
async function answerWithBodyFrames(
  dispatcher: PluginHttpDispatcher,
  head: WireHttpStreamHead,
  headers: HttpHeaders,
  frames: Frames,
  signal: AbortSignal,
): Promise<PluginHttpResponse> {
  const { match, request } = dispatcher.route(head.method, head.path, headers, signal);
  if (!match) return dispatcher.notFound(request);
  if (match.streamBody) {
    request.bodyStream = Readable.from(bodyChunks(frames), { objectMode: false });
    return dispatcher.invoke(match, request, 'HandleHTTPStream');
  }
  const body = await gatherBody(frames, dispatcher.maxBodyBytes);
  if (!body) return dispatcher.tooLarge();
  request.body = body;
  return dispatcher.invoke(match, request, 'HandleHTTPStream');
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
  const head = responseHead(response);
  call.write({ head });
  if (head.end_of_body) return void call.end();
  try {
    for await (const piece of bodyPieces(response)) {
      if (!call.write({ data: piece })) await drained(call, signal);
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
  if (!signal.aborted) call.end();
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
