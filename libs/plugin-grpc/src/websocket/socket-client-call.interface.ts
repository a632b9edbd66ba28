import { ReceivedSocketEvent, SocketWireEvent } from './websocket-message.codec';

export interface SocketCallStatus {
  code: number;
  details: string;
}

/**
 * The host's end of one `HandleWebSocket` call, whichever client carries it: the lean HTTP/2
 * one (plaintext) or grpc-js (TLS), both with `websocket-message.codec` as the codec. A grpc-js
 * `ClientDuplexStream<SocketWireEvent, ReceivedSocketEvent>` is one as it is.
 */
export interface SocketClientCall {
  /** False: wait for 'drain' before the next. */
  write(event: SocketWireEvent): boolean;
  /** Half-closes our side. */
  end(): void;
  readonly writableEnded: boolean;
  pause(): void;
  resume(): void;
  cancel(): void;
  on(event: 'data', listener: (event: ReceivedSocketEvent) => void): this;
  on(event: 'drain', listener: () => void): this;
  /** Exactly once, when the call is over. */
  on(event: 'status', listener: (status: SocketCallStatus) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}
