import { WireHttpRequest, WireHttpResponse, WireHttpStreamFrame } from '../../protocol/protocol.types';
import { messageCodec } from '../../protocol/protocol-codecs';
import { TOKEN_METADATA_KEY } from '../../plugin-grpc.constants';
import { REQUEST_ID_METADATA_KEY } from '../../logging/request-context';
import { H2GrpcChannel } from './h2-grpc.channel';
import { H2FrameCall } from './h2-frame.call';
import { HttpMultiplexClient } from './http-multiplex.client';

const HTTP_REQUEST = messageCodec<WireHttpRequest>('protocol.HTTPRequest');
const HTTP_RESPONSE = messageCodec<WireHttpResponse>('protocol.HTTPResponse');
const HTTP_FRAME = messageCodec<WireHttpStreamFrame>('protocol.HTTPStreamFrame');
const HANDLE_HTTP = '/protocol.DomainPluginService/HandleHTTP';
const HANDLE_HTTP_STREAM = '/protocol.DomainPluginService/HandleHTTPStream';
const EMPTY = Buffer.alloc(0);

/** HandleHTTP and HandleHTTPStream over the lean HTTP/2 channel: the per-request hot path. */
export class FastHttpCalls {
  private readonly channel: H2GrpcChannel;
  /** HandleHTTPMultiplex on the same session: small exchanges without a stream each. */
  readonly multiplex: HttpMultiplexClient;

  constructor(address: string, token: string | undefined, maxMessageBytes: number) {
    this.channel = new H2GrpcChannel(address, {
      metadata: token ? { [TOKEN_METADATA_KEY]: token } : {},
      maxMessageBytes,
    });
    this.multiplex = new HttpMultiplexClient(this.channel);
  }

  async handleHttp(
    request: WireHttpRequest,
    options: { deadlineMs: number; signal?: AbortSignal; requestId?: string },
  ): Promise<WireHttpResponse> {
    const call = { deadlineMs: options.deadlineMs, signal: options.signal, metadata: requestMetadata(options.requestId) };
    const answer = HTTP_RESPONSE.decode(await this.channel.unary(HANDLE_HTTP, HTTP_REQUEST.encode(request), call));
    return {
      status_code: answer.status_code,
      headers: answer.headers,
      body: Buffer.isBuffer(answer.body) ? answer.body : EMPTY,
    };
  }

  /** No deadline: a download may outlast any; the caller bounds the wait for the head. */
  handleHttpStream(requestId?: string): H2FrameCall {
    return new H2FrameCall(this.channel.start(HANDLE_HTTP_STREAM, { metadata: requestMetadata(requestId) }), HTTP_FRAME);
  }

  close(): void {
    this.multiplex.close();
    this.channel.close();
  }
}

/** The request id as call metadata, so the plugin's log lines about the request carry it. */
function requestMetadata(requestId: string | undefined): Record<string, string> | undefined {
  return requestId ? { [REQUEST_ID_METADATA_KEY]: requestId } : undefined;
}
