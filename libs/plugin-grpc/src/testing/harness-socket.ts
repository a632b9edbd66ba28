import {
  ANY_WEBSOCKET_PATH,
  DomainPlugin,
  WebSocketCloseCode,
  WebSocketFrame,
  WebSocketPeer,
  WebSocketSession,
} from '@qntx/domains';

export interface HarnessSocketOptions {
  query?: string;
  headers?: Record<string, string>;
}

/**
 * A test client of one `@PluginSocket`, as the host's gateway would be: frames sent with
 * `send`, the plugin's frames read in order with `next()`, and `closed` when the plugin closes.
 */
export class HarnessSocket {
  /** Resolves with the code and reason once the connection is over, whichever side closed it. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly frames: (string | Buffer)[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private session: WebSocketSession | null = null;
  private ended: { code: number; reason: string } | null = null;
  private onEnd!: (end: { code: number; reason: string }) => void;

  private readonly peer: WebSocketPeer = {
    send: (frame: WebSocketFrame) => {
      this.frames.push(frame.data);
      this.wake();
      return true;
    },
    close: (code, reason) => this.finish(code, reason),
    pause: () => undefined,
    resume: () => undefined,
  };

  private constructor() {
    this.closed = new Promise((resolve) => (this.onEnd = resolve));
  }

  /** Connects to `path` of the plugin, as a client of `/ws/<plugin>/<path>` would. */
  static async open(plugin: DomainPlugin, path: string, options: HarnessSocketOptions = {}): Promise<HarnessSocket> {
    const handlers = await plugin.registerWebSocket();
    const handler = handlers[path] ?? handlers[ANY_WEBSOCKET_PATH];
    if (!handler) {
      const known = Object.keys(handlers).join(', ') || 'none';
      throw new Error(`Plugin "${plugin.metadata().name}" has no socket "${path}" (its sockets: ${known}).`);
    }
    const socket = new HarnessSocket();
    const info = { path, query: options.query ?? '', headers: options.headers ?? {}, signal: socket.abort.signal };
    socket.session = await handler(info, socket.peer);
    return socket;
  }

  /** Sends a text (string) or binary (Buffer) frame to the plugin. */
  send(data: string | Buffer): void {
    if (this.ended) throw new Error('the socket is closed');
    this.session!.onMessage(typeof data === 'string' ? { kind: 'text', data } : { kind: 'binary', data });
  }

  /** The plugin's next frame (text as string, binary as Buffer); rejects once the socket closed with none left. */
  async next(): Promise<string | Buffer> {
    while (this.frames.length === 0) {
      if (this.ended) throw new Error(`the socket closed (${this.ended.code} ${this.ended.reason})`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
    return this.frames.shift()!;
  }

  /** Closes from the client's side. */
  close(code: number = WebSocketCloseCode.NORMAL, reason = ''): Promise<{ code: number; reason: string }> {
    this.finish(code, reason);
    return this.closed;
  }

  /** Either side closed: the session hears it once, as the host's gateway tells it. */
  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = { code, reason };
    this.abort.abort();
    this.session?.onClose(code, reason);
    this.onEnd(this.ended);
    this.wake();
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}
