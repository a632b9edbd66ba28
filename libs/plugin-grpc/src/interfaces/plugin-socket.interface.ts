/**
 * What a `@PluginSocket(path)` handler receives: one client connection, isolated from every
 * other. Text frames arrive as strings and binary frames as Buffers, and `send` keeps the kind
 * the same way. Read either with `on('message')` or with `for await (const data of socket)`,
 * not both; frames that arrive before either is set up wait (and past a bound, the client is
 * paused), so an async handler loses nothing.
 */
export interface PluginSocketConnection {
  /** The socket path as declared, e.g. "watch". */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case request headers of the upgrade (cookie, origin, user-agent, x-forwarded-*...). */
  readonly headers: Readonly<Record<string, string>>;
  /** Aborted when the connection is over, whichever side closed it. */
  readonly signal: AbortSignal;
  readonly closed: boolean;

  /**
   * Sends a text (string) or binary (Buffer/Uint8Array) frame. Returns false when the client's
   * buffer is above its high-water mark: await `drained()` before sending more. After the
   * connection is over it sends nothing and returns false.
   */
  send(data: string | Uint8Array): boolean;
  /** Resolves once the client can take more (at once when it can), or the connection is over. */
  drained(): Promise<void>;
  /** Closes with a WebSocket close code (default 1000) and a short reason. */
  close(code?: number, reason?: string): void;
  /**
   * Stops and restarts the flow of the client's frames (backpressure for `on('message')`): no
   * 'message' event while paused, and the client is paused in turn.
   */
  pause(): void;
  resume(): void;

  on(event: 'message', listener: (data: string | Buffer) => void): this;
  on(event: 'close', listener: (code: number, reason: string) => void): this;
  on(event: 'drain', listener: () => void): this;
  once(event: 'close', listener: (code: number, reason: string) => void): this;
  off(event: 'message', listener: (data: string | Buffer) => void): this;
  off(event: 'close', listener: (code: number, reason: string) => void): this;
  off(event: 'drain', listener: () => void): this;

  /** The client's frames in order; ends when the connection is over. */
  [Symbol.asyncIterator](): AsyncIterator<string | Buffer>;
}
