/**
 * WebSockets behind the one plugin interface, independent of how a plugin is reached. The host
 * owns the client's connection (the browser's socket); a plugin's handler owns its side of the
 * conversation. Both sides speak in whole frames and apply backpressure to each other.
 */

/** Metadata of a WebSocket connection, as the host saw it at the upgrade. */
export interface WebSocketConnectInfo {
  /** The socket path the plugin declared (the part after `/ws/<plugin>/`), e.g. "watch". */
  path: string;
  /** The raw query string without "?", or "" when there is none. */
  query: string;
  /** Lower-case names; the request headers a handler may need (no handshake or hop-by-hop ones). */
  headers: Record<string, string>;
  /** Aborted once the connection is over, whichever side ended it. */
  signal: AbortSignal;
}

export type WebSocketFrame = { kind: 'text'; data: string } | { kind: 'binary'; data: Buffer };

/** The client's end of a connection, as a handler sees it. */
export interface WebSocketPeer {
  /**
   * Sends one frame. Returns false when the client's send buffer is above its high-water mark:
   * the handler should stop producing until its session's `onDrain` (the frame is still sent).
   */
  send(frame: WebSocketFrame): boolean;
  /** Closes the connection with a WebSocket close code (1000, 1001, 1003, 1007–1014, 3000–4999). */
  close(code: number, reason: string): void;
  /** Stops delivering the client's frames to the session (a slow handler), until `resume`. */
  pause(): void;
  resume(): void;
}

/** The handler's side of one connection. */
export interface WebSocketSession {
  /** A frame from the client, in order. */
  onMessage(frame: WebSocketFrame): void;
  /**
   * Called once when the connection is over, whichever side closed it: the close code and
   * reason (1006 when the connection was lost without a close, 1011 when the far side failed).
   */
  onClose(code: number, reason: string): void;
  /** The client's send buffer fell back below its low-water mark after `send` returned false. */
  onDrain?(): void;
}

/**
 * Called once per connection, before any frame flows. Frames from the client wait until the
 * returned session is there.
 */
export type WebSocketHandler = (
  info: WebSocketConnectInfo,
  client: WebSocketPeer,
) => WebSocketSession | Promise<WebSocketSession>;

/**
 * The key of a catch-all handler in `registerWebSocket()`'s record: it receives every path the
 * record does not list, and closes the connection itself when it does not know the path. A
 * plugin that cannot say its paths up front (an external plugin without the paths extension)
 * is offered this way.
 */
export const ANY_WEBSOCKET_PATH = '*';
