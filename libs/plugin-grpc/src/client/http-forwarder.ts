import {
  BodyTooLargeError,
  PluginCallError,
  PluginHttpRequest,
  PluginHttpResponse,
  readBody,
} from '@qntx/domains';
import { PluginClient } from './plugin-client';
import { toPluginCallError } from './grpc-call-error.mapping';
import { MissingResponseHeadError, forwardOverStream } from './http-stream.call';
import { headersFromWire, headersToWire, joinedHeadersToWire } from '../protocol/protocol.mapping';
import { REQUEST_ID_HEADER } from '../logging/request-context';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';
import { MultiplexUnsupportedError } from './h2/http-multiplex.client';
import { PROTOCOL_EXTENSIONS, ProtocolExtension } from '../protocol/protocol-extensions';

export interface HttpForwarderOptions {
  /** Deadline of a unary HandleHTTP call. */
  requestTimeoutMs: number;
  /** Largest body buffered for HandleHTTP (a plugin without HandleHTTPStream). */
  maxBodyBytes: number;
  /**
   * Whether the plugin declared an extension in its Metadata: `http-multiplex` and `http-stream`
   * choose the RPC; without `http-header-values`, HandleHTTP sends repeated headers joined.
   */
  declares(extension: ProtocolExtension): boolean;
}

/**
 * Sends the host's HTTP requests to one plugin, by what its Metadata declared: a small exchange
 * over HandleHTTPMultiplex, any other over HandleHTTPStream, and to a plugin that declared
 * neither (a reference plugin) over the reference HandleHTTP, with no other call tried first.
 */
export class HttpForwarder {
  constructor(
    private readonly client: PluginClient,
    private readonly plugin: string,
    private readonly options: HttpForwarderOptions,
  ) {}

  /** The plugin was restarted, perhaps as another build: its multiplexed call starts afresh. */
  reset(): void {
    this.client.multiplex?.forget();
  }

  async forward(incoming: PluginHttpRequest): Promise<PluginHttpResponse> {
    let request = incoming;
    // A request whose body fits in one frame goes over HandleHTTPMultiplex when the plugin has it.
    const multiplex = this.options.declares(PROTOCOL_EXTENSIONS.httpMultiplex) ? this.client.multiplex : null;
    const whole = multiplex?.usable ? await this.wholeIfSmall(request) : null;
    if (multiplex && whole) {
      request = whole;
      try {
        return await multiplex.exchange(request, request.headers[REQUEST_ID_HEADER]?.[0]);
      } catch (error) {
        // Not run by the plugin: it has no HandleHTTPMultiplex. The next line sends it another way.
        if (!(error instanceof MultiplexUnsupportedError)) throw toPluginCallError(this.plugin, this.client.address, this.options.requestTimeoutMs, error);
      }
    }
    if (!this.options.declares(PROTOCOL_EXTENSIONS.httpStream)) return this.unary(request);
    try {
      return await forwardOverStream(this.client, request);
    } catch (error) {
      if (error instanceof MissingResponseHeadError) throw new PluginCallError(this.plugin, error.message);
      throw toPluginCallError(this.plugin, this.client.address, this.options.requestTimeoutMs, error);
    }
  }

  /**
   * The request with its body whole when that body fits in one frame: as it is, or read from
   * its stream when the client declared a small Content-Length (a form post, a JSON call), which
   * costs nothing to buffer and saves the request a call of its own. Null for larger bodies.
   */
  private async wholeIfSmall(request: PluginHttpRequest): Promise<PluginHttpRequest | null> {
    if (!request.bodyStream) return request.body.length <= HTTP_STREAM_CHUNK_BYTES ? request : null;
    const declared = request.headers['content-length'];
    if (declared?.length !== 1 || !/^\d+$/.test(declared[0]) || Number(declared[0]) > HTTP_STREAM_CHUNK_BYTES) return null;
    const body = await readBody(request.bodyStream, HTTP_STREAM_CHUNK_BYTES, this.plugin);
    return { ...request, body, bodyStream: undefined, signal: request.signal };
  }

  /** The reference path: the whole body in one HTTPRequest, the whole answer in one HTTPResponse. */
  private async unary(request: PluginHttpRequest): Promise<PluginHttpResponse> {
    const { maxBodyBytes, requestTimeoutMs } = this.options;
    const body = request.bodyStream
      ? await readBody(request.bodyStream, maxBodyBytes, this.plugin)
      : request.body;
    if (body.length > maxBodyBytes) throw new BodyTooLargeError(this.plugin, maxBodyBytes);
    try {
      const wire = await this.client.handleHttp(
        {
          method: request.method,
          path: request.query ? `${request.path}?${request.query}` : request.path,
          headers: this.options.declares(PROTOCOL_EXTENSIONS.headerValues) ? headersToWire(request.headers) : joinedHeadersToWire(request.headers),
          body,
        },
        { timeoutMs: requestTimeoutMs, signal: request.signal, requestId: request.headers[REQUEST_ID_HEADER]?.[0] },
      );
      return { status: wire.status_code, headers: headersFromWire(wire.headers), body: wire.body };
    } catch (error) {
      throw toPluginCallError(this.plugin, this.client.address, requestTimeoutMs, error);
    }
  }
}
