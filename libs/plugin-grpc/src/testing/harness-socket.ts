import {
  WebSocketCloseCode,
  WebSocketFrame,
  WebSocketHandler,
  WebSocketPeer,
  WebSocketSession,
  messageOf,
} from '@qntx/domains';

export interface HarnessSocketOptions {
  /** The raw query string, with or without "?". */
  query?: string;
  /** Upgrade request headers the handler may read (names are lower-cased). */
  headers?: Record<string, string>;
}

export interface SocketClose {
  code: number;
  reason: string;
}

/** How long `next()` and `closed()` wait by default before failing the test with a message. */
const DEFAULT_WAIT_MS = 5_000;

/**
 * A test's end of one WebSocket connection to a plugin handler, standing where the host's
 * browser bridge stands: it is the handler's `WebSocketPeer`, and it feeds the handler's
 * session. Frames from the plugin are kept in `messages` (text as strings, binary as Buffers).
 */
export class HarnessSocket {
  /** Every frame the plugin sent, in order. */
  readonly messages: (string | Buffer)[] = [];
  private read = 0;
  private session: WebSocketSession | null = null;
  private readonly early: WebSocketFrame[] = [];
  private paused = false;
  private ended: SocketClose | null = null;
  private readonly abort = new AbortController();
  private readonly waiters = new Set<() => void>();

  private readonly peer: WebSocketPeer = {
    send: (frame) => this.fromPlugin(frame),
    close: (code, reason) => this.finish(code, reason),
    pause: () => (this.paused = true),
    resume: () => {
      this.paused = false;
      this.flush();
    },
  };

  private constructor(private readonly label: string) {}

  /** Opens a connection through `handler` and resolves once its session is there. */
  static async open(label: string, handler: WebSocketHandler, path: string, options: HarnessSocketOptions): Promise<HarnessSocket> {
    const socket = new HarnessSocket(label);
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const info = { path, query: (options.query ?? '').replace(/^\?/, ''), headers, signal: socket.abort.signal };
    try {
      socket.ready(await handler(info, socket.peer));
    } catch (error) {
      socket.finish(WebSocketCloseCode.INTERNAL_ERROR, messageOf(error));
    }
    return socket;
  }

  /** Whether the connection is over, whichever side closed it. */
  get isClosed(): boolean {
    return this.ended !== null;
  }

  /** Sends a text (string) or binary (Buffer) frame to the plugin; ignored once closed. */
  send(data: string | Buffer): void {
    if (this.ended) return;
    this.early.push(typeof data === 'string' ? { kind: 'text', data } : { kind: 'binary', data });
    this.flush();
  }

  /** The next frame not read yet; fails after `timeoutMs`, or when the connection ends first. */
  async next(timeoutMs = DEFAULT_WAIT_MS): Promise<string | Buffer> {
    await this.waitFor(() => this.read < this.messages.length || this.ended !== null, timeoutMs, 'message');
    if (this.read < this.messages.length) return this.messages[this.read++];
    throw new Error(`${this.label} closed (${this.ended!.code} ${this.ended!.reason}) before another message came.`);
  }

  /** The next frame, parsed as JSON. */
  async nextJson<T = unknown>(timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const message = await this.next(timeoutMs);
    return JSON.parse(message.toString()) as T;
  }

  /** The close code and reason, once either side has ended the connection. */
  async closed(timeoutMs = DEFAULT_WAIT_MS): Promise<SocketClose> {
    await this.waitFor(() => this.ended !== null, timeoutMs, 'close');
    return this.ended!;
  }

  /** Closes from the client's side: the handler's session hears `code` and `reason`. */
  close(code: number = WebSocketCloseCode.NORMAL, reason = ''): void {
    this.finish(code, reason);
  }

  private ready(session: WebSocketSession): void {
    this.session = session;
    if (this.ended) return tellClosed(session, this.ended);
    this.flush();
  }

  private flush(): void {
    while (this.session && !this.paused && !this.ended && this.early.length > 0) {
      const frame = this.early.shift()!;
      try {
        this.session.onMessage(frame);
      } catch (error) {
        this.finish(WebSocketCloseCode.INTERNAL_ERROR, messageOf(error));
      }
    }
  }

  private fromPlugin(frame: WebSocketFrame): boolean {
    if (this.ended) return false;
    this.messages.push(frame.data);
    this.notify();
    return true;
  }

  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = { code, reason };
    this.abort.abort();
    if (this.session) tellClosed(this.session, this.ended);
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.label}: no ${what} within ${timeoutMs} ms (got ${this.messages.length} message(s)).`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}

function tellClosed(session: WebSocketSession, { code, reason }: SocketClose): void {
  try {
    session.onClose(code, reason);
  } catch {
    // The connection is over either way.
  }
}
