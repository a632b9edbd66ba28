/** Metadata of a WebSocket connection, as the host saw it at the upgrade. */
export interface WebSocketConnectInfo {
  path: string;
  query: string;
  headers: Record<string, string>;
}

export type WebSocketFrame = { kind: 'text'; data: string } | { kind: 'binary'; data: Buffer };

/** One side of a bridged WebSocket, as seen by the other side. */
export interface WebSocketPeer {
  send(frame: WebSocketFrame): void;
  close(code: number, reason: string): void;
}

/** Called once per connection; returns the handler's side of the conversation. */
export type WebSocketHandler = (info: WebSocketConnectInfo, client: WebSocketPeer) => WebSocketSession;

export interface WebSocketSession {
  onMessage(frame: WebSocketFrame): void;
  onClose(code: number, reason: string): void;
}
