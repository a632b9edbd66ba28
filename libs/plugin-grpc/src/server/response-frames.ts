import { EMPTY_BODY, HttpBodySource, HttpHeaders, PluginHttpResponse, toBuffer } from '@qntx/domains';
import { WireHttpStreamHead } from '../protocol/protocol.types';
import { headersToWire } from '../protocol/protocol.mapping';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';

/**
 * A route's answer as HandleHTTPStream and HandleHTTPMultiplex both send it: a head, with the
 * whole body inside when it fits in one frame (`end_of_body`); otherwise body pieces follow.
 */
export function responseHead(response: PluginHttpResponse): WireHttpStreamHead {
  const status_code = response.status;
  if (!response.bodyStream && response.body.length <= HTTP_STREAM_CHUNK_BYTES) {
    return { method: '', path: '', status_code, headers: headersToWire(response.headers), end_of_body: true, body: response.body };
  }
  return { method: '', path: '', status_code, headers: headersToWire(withLength(response)), end_of_body: false, body: EMPTY_BODY };
}

/**
 * The body after a head without it, in pieces of at most one frame. Leaving the loop over it
 * early (the host went away) ends the source too: a file is closed.
 */
export async function* bodyPieces(response: PluginHttpResponse): AsyncGenerator<Buffer> {
  const source: HttpBodySource | Buffer[] = response.bodyStream ?? [response.body];
  for await (const chunk of source) {
    const buffer = toBuffer(chunk);
    if (buffer.length <= HTTP_STREAM_CHUNK_BYTES) {
      yield buffer;
      continue;
    }
    for (let at = 0; at < buffer.length; at += HTTP_STREAM_CHUNK_BYTES) yield buffer.subarray(at, at + HTTP_STREAM_CHUNK_BYTES);
  }
}

/** A whole body sent in pieces keeps its length, so the client gets a Content-Length, not chunks. */
function withLength(response: PluginHttpResponse): HttpHeaders {
  if (response.bodyStream || response.status === 204 || response.status === 304) return response.headers;
  return { ...response.headers, 'content-length': [String(response.body.length)] };
}
