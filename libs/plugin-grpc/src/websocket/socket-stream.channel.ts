import { ClientHttp2Session, connect } from 'node:http2';
import { H2GrpcCall } from '../client/h2/h2-grpc.call';
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
  private session: ClientHttp2Session | null = null;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly address: string,
    token: string | undefined,
    private readonly maxMessageBytes: number,
  ) {
    this.headers = {
      ':method': 'POST',
      ':path': HANDLE_WEBSOCKET_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...(token ? { [TOKEN_METADATA_KEY]: token } : {}),
    };
  }

  /** A new HandleWebSocket call; no deadline (it lives as long as the socket). */
  open(): LeanSocketCall {
    return new LeanSocketCall(new H2GrpcCall(this.connection().request(this.headers), this.maxMessageBytes, undefined));
  }

  close(): void {
    const session = this.session;
    this.session = null;
    if (session && !session.destroyed) session.close();
  }

  private connection(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) return current;
    const session = connect(`http://${this.address}`);
    const forget = (): void => {
      if (this.session === session) this.session = null;
    };
    // A failed connect fails the calls opened on it: each reports UNAVAILABLE itself.
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    // Open sockets keep the host alive on their own; an idle channel must not.
    session.unref();
    this.session = session;
    return session;
  }
}
