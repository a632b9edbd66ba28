import { EMPTY_BODY, PluginHttpRequest, PluginHttpResponse } from '@qntx/domains';
import { PluginClient } from './plugin-client';
import { HttpFrameCall } from './http-frame-call.interface';
import { RequestBodyPump } from './request-body.pump';
import { headersFromWire, headersToWire } from '../protocol/protocol.mapping';
import { WireHttpStreamFrame } from '../protocol/protocol.types';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';
import { REQUEST_ID_HEADER } from '../logging/request-context';

export class MissingResponseHeadError extends Error {
  constructor() {
    super('HandleHTTPStream ended without a response head.');
    this.name = 'MissingResponseHeadError';
  }
}

const ignore = (): void => undefined;

/**
 * One HTTP exchange over HandleHTTPStream (for a plugin that declared `http-stream`): sends the
 * head and pumps the body, and resolves with the plugin's response head as soon as it arrives,
 * its body left to flow at the reader's pace.
 */
export async function forwardOverStream(client: PluginClient, request: PluginHttpRequest): Promise<PluginHttpResponse> {
  // A request without a streamed body (a GET, say) is one message: its body rides in the head.
  const whole = !request.bodyStream && request.body.length <= HTTP_STREAM_CHUNK_BYTES;
  const call: HttpFrameCall = client.handleHttpStream({ wholeInHead: whole, requestId: request.headers[REQUEST_ID_HEADER]?.[0] });
  // Errors are read through the frames below; one arriving after we stopped reading must not
  // go unheard (an unheard 'error' event would take the host down).
  call.on('error', ignore);
  // Reading the answer to its end must not destroy the call while the request body still flows.
  const frames = call.iterator({ destroyOnReturn: false }) as AsyncIterator<WireHttpStreamFrame>;
  const signal = request.signal;
  const cancel = (): void => call.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  const pump = new RequestBodyPump(call, request.bodyStream, request.body);
  // Once the plugin has ended the call, the rest of the request body has nowhere to go.
  call.once('status', () => pump.stop());

  const requestHead: WireHttpStreamFrame = {
    head: {
      method: request.method,
      path: request.query ? `${request.path}?${request.query}` : request.path,
      status_code: 0,
      headers: headersToWire(request.headers),
      end_of_body: whole,
      body: whole ? request.body : EMPTY_BODY,
    },
  };
  if (whole) call.end(requestHead);
  else {
    call.write(requestHead);
    pump.start();
  }

  let first: IteratorResult<WireHttpStreamFrame>;
  try {
    first = await frames.next();
  } catch (error) {
    pump.stop();
    signal?.removeEventListener('abort', cancel);
    throw error;
  }
  if (first.done || !first.value.head) {
    call.cancel();
    throw new MissingResponseHeadError();
  }
  const head = first.value.head;
  const headers = headersFromWire(head.headers);
  if (head.end_of_body) {
    // The whole answer is here; the call's OK status follows on its own.
    signal?.removeEventListener('abort', cancel);
    return { status: head.status_code, headers, body: head.body };
  }
  return {
    status: head.status_code,
    headers,
    body: EMPTY_BODY,
    bodyStream: new ResponseFrames(frames, call, () => signal?.removeEventListener('abort', cancel)),
  };
}

/**
 * The data frames after the head, as a body pulled at the reader's pace. A reader that stops
 * early, or never starts (`return()` right away), cancels the plugin's call.
 */
class ResponseFrames implements AsyncIterableIterator<Buffer> {
  constructor(
    private readonly frames: AsyncIterator<WireHttpStreamFrame>,
    private readonly call: HttpFrameCall,
    private readonly release: () => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    try {
      for (;;) {
        const next = await this.frames.next();
        if (next.done) {
          this.release();
          return { done: true, value: undefined };
        }
        if (next.value.data) return { done: false, value: next.value.data };
      }
    } catch (error) {
      this.release();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.call.cancel(); // a no-op once the plugin has ended the call
    this.release();
    return { done: true, value: undefined };
  }
}
