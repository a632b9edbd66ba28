import { WireHttpRequest, WireHttpResponse, WireHttpStreamFrame } from '../../protocol/protocol.types';
import { messageCodec } from '../../protocol/protocol-codecs';
import { TOKEN_METADATA_KEY } from '../../plugin-grpc.constants';
import { H2GrpcChannel } from './h2-grpc.channel';
import { H2FrameCall } from './h2-frame.call';

const HTTP_REQUEST = messageCodec<WireHttpRequest>('protocol.HTTPRequest');
const HTTP_RESPONSE = messageCodec<WireHttpResponse>('protocol.HTTPResponse');
const HTTP_FRAME = messageCodec<WireHttpStreamFrame>('protocol.HTTPStreamFrame');
const HANDLE_HTTP = '/protocol.DomainPluginService/HandleHTTP';
const HANDLE_HTTP_STREAM = '/protocol.DomainPluginService/HandleHTTPStream';
const EMPTY = Buffer.alloc(0);

/** HandleHTTP and HandleHTTPStream over the lean HTTP/2 channel: the per-request hot path. */
export class FastHttpCalls {
  private readonly channel: H2GrpcChannel;

  constructor(address: string, token: string | undefined, maxMessageBytes: number) {
    this.channel = new H2GrpcChannel(address, {
      metadata: token ? { [TOKEN_METADATA_KEY]: token } : {},
      maxMessageBytes,
    });
  }

  async handleHttp(request: WireHttpRequest, options: { deadlineMs: number; signal?: AbortSignal }): Promise<WireHttpResponse> {
    const answer = HTTP_RESPONSE.decode(await this.channel.unary(HANDLE_HTTP, HTTP_REQUEST.encode(request), options));
    return {
      status_code: answer.status_code,
      headers: answer.headers,
      body: Buffer.isBuffer(answer.body) ? answer.body : EMPTY,
    };
  }

  /** No deadline: a download may outlast any; the caller bounds the wait for the head. */
  handleHttpStream(): H2FrameCall {
    return new H2FrameCall(this.channel.start(HANDLE_HTTP_STREAM), HTTP_FRAME);
  }

  close(): void {
    this.channel.close();
  }
}
