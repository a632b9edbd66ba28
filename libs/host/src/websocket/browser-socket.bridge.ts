import type { RawData, WebSocket } from 'ws';
import {
  WebSocketCloseCode,
  WebSocketConnectInfo,
  WebSocketFrame,
  WebSocketHandler,
  WebSocketPeer,
  WebSocketSession,
  messageOf,
  sendableClose,
} from '@qntx/domains';

export interface BrowserSocketLimits {
  maxFrameBytes: number;
  highWaterMarkBytes: number;
}

/**
 * One client's `ws` socket joined to a plugin handler's session. The socket is the handler's
 * `WebSocketPeer`; the session receives the socket's frames. Bytes handed to the socket but not
 * yet written out are counted, so a slow client pauses the plugin (send returns false) and
 * resumes it (onDrain) once they fall to a quarter of the high-water mark.
 */
export class BrowserSocketBridge {
  private session: WebSocketSession | null = null;
  private readonly early: WebSocketFrame[] = [];
  private ended: { code: number; reason: string } | null = null;
  private readonly abort = new AbortController();
  private unsentBytes = 0;
  private blocked = false;
  private pausedBySession = false;
  private awaitingPong = false;
  private readonly endListeners: (() => void)[] = [];

  readonly peer: WebSocketPeer = {
    send: (frame) => this.send(frame),
    close: (code, reason) => this.close(code, reason),
    pause: () => {
      this.pausedBySession = true;
      this.ws.pause();
    },
    resume: () => {
      this.pausedBySession = false;
      if (this.session) this.ws.resume();
    },
  };

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: BrowserSocketLimits,
  ) {}

  /** Runs the handler; the client's frames wait (the socket paused) until its session is there. */
  open(handler: WebSocketHandler, info: Omit<WebSocketConnectInfo, 'signal'>): void {
    this.ws.pause();
    this.ws.on('message', (data: RawData, isBinary: boolean) => this.fromClient(toFrame(data, isBinary)));
    this.ws.on('close', (code: number, reason: Buffer) => this.finish(code, reason.toString('utf8')));
    this.ws.on('error', (error: Error & { code?: string }) => this.onSocketError(error));
    this.ws.on('pong', () => (this.awaitingPong = false));
    Promise.resolve()
      .then(() => handler({ ...info, signal: this.abort.signal }, this.peer))
      .then(
        (session) => this.ready(session),
        (error: unknown) => this.close(WebSocketCloseCode.INTERNAL_ERROR, messageOf(error)),
      );
  }

  /** Liveness: a client that did not answer the previous ping is dropped (1006). */
  heartbeat(): void {
    if (this.ended) return;
    if (this.awaitingPong) return void this.ws.terminate();
    this.awaitingPong = true;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.ended) return;
    const sendable = sendableClose(code, reason, WebSocketCloseCode.INTERNAL_ERROR);
    this.ws.close(sendable.code, sendable.reason);
    this.finish(code, reason);
  }

  /** Closes with 1001; a client that does not finish the close handshake in time is cut off. */
  goAway(reason: string, graceMs: number): void {
    this.close(WebSocketCloseCode.GOING_AWAY, reason);
    setTimeout(() => this.ws.terminate(), graceMs).unref();
  }

  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  /**
   * `ws` has already answered a protocol error with its close frame, but reports 1006 on its own
   * 'close'; the handler should hear the real reason. Other errors: 'close' follows with 1006.
   */
  private onSocketError(error: Error & { code?: string }): void {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      this.finish(WebSocketCloseCode.MESSAGE_TOO_BIG, `frame over the ${this.limits.maxFrameBytes}-byte limit`);
    }
  }

  private ready(session: WebSocketSession): void {
    this.session = session;
    if (this.ended) return tellClosed(session, this.ended);
    for (const frame of this.early.splice(0)) this.deliver(frame);
    if (!this.pausedBySession) this.ws.resume();
  }

  private fromClient(frame: WebSocketFrame): void {
    if (this.ended) return;
    if (!this.session) return void this.early.push(frame);
    this.deliver(frame);
  }

  private deliver(frame: WebSocketFrame): void {
    try {
      this.session!.onMessage(frame);
    } catch (error) {
      this.close(WebSocketCloseCode.INTERNAL_ERROR, messageOf(error));
    }
  }

  private send(frame: WebSocketFrame): boolean {
    if (this.ended || this.ws.readyState !== this.ws.OPEN) return false;
    const size = frame.kind === 'text' ? Buffer.byteLength(frame.data) : frame.data.length;
    if (size > this.limits.maxFrameBytes) {
      this.close(
        WebSocketCloseCode.MESSAGE_TOO_BIG,
        `frame of ${size} bytes is over the ${this.limits.maxFrameBytes}-byte limit`,
      );
      return false;
    }
    this.unsentBytes += size;
    this.ws.send(frame.data, { binary: frame.kind === 'binary' }, () => this.written(size));
    if (this.unsentBytes <= this.limits.highWaterMarkBytes) return true;
    this.blocked = true;
    return false;
  }

  private written(size: number): void {
    this.unsentBytes -= size;
    if (!this.blocked || this.unsentBytes > this.limits.highWaterMarkBytes / 4) return;
    this.blocked = false;
    if (!this.ended) this.session?.onDrain?.();
  }

  /** Once, whichever side ended: the session hears the close and the signal aborts. */
  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = { code, reason };
    this.abort.abort();
    // Paused or not, the socket must read again: the client's answer to our close is in there.
    this.ws.resume();
    if (this.session) tellClosed(this.session, this.ended);
    for (const listener of this.endListeners) listener();
  }
}

/** The connection is over either way: a close handler that throws has nothing left to fail. */
function tellClosed(session: WebSocketSession, { code, reason }: { code: number; reason: string }): void {
  try {
    session.onClose(code, reason);
  } catch {
    // nothing to do: see above
  }
}

function toFrame(data: RawData, isBinary: boolean): WebSocketFrame {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return isBinary ? { kind: 'binary', data: bytes } : { kind: 'text', data: bytes.toString('utf8') };
}
