import { H2GrpcChannel, HTTP2_DEFAULT_WINDOW } from '../client/h2/h2-grpc.channel';
import { TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import { LeanSocketCall } from './lean-socket.call';
import { HANDLE_WEBSOCKET_PATH } from './socket-service.definition';

/**
 * The plaintext HTTP/2 session a plugin's WebSocket calls share, apart from the HTTP calls'
 * session: that one opens 16 MiB stream windows for bodies, while here the default 64 KiB window
 * is what bounds the bytes a plugin can push at a paused client (grpc-js's default as well).
 * Opened on first use and again after it closes, so a restarted plugin is reached at once.
 */
export class SocketStreamChannel {
  private readonly channel: H2GrpcChannel;

  constructor(address: string, token: string | undefined, maxMessageBytes: number) {
    this.channel = new H2GrpcChannel(address, {
      metadata: token ? { [TOKEN_METADATA_KEY]: token } : {},
      maxMessageBytes,
      windowBytes: HTTP2_DEFAULT_WINDOW,
    });
  }

  /** A new HandleWebSocket call; no deadline (it lives as long as the socket). */
  open(): LeanSocketCall {
    return new LeanSocketCall(this.channel.start(HANDLE_WEBSOCKET_PATH));
  }

  close(): void {
    this.channel.close();
  }
}
