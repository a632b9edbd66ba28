import { EventEmitter } from 'node:events';
import {
  WebSocketCloseCode,
  WebSocketConnectInfo,
  WebSocketFrame,
  WebSocketPeer,
  WebSocketSession,
  messageOf,
} from '@qntx/domains';
import { PluginSocketConnection } from '../interfaces/plugin-socket.interface';
import { WS_HANDLER_QUEUE_FRAMES } from './websocket.constants';

type Data = string | Buffer;

/**
 * The socket a `@PluginSocket` handler holds, over the transport-neutral client peer. It is the
 * same object in-process and behind the gRPC stream: only the peer differs.
 */
export class PluginSocketConnectionImpl extends EventEmitter implements PluginSocketConnection {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;

  private readonly abort = new AbortController();
  private readonly queue: Data[] = [];
  private ended = false;
  private blocked = false;
  private pausedByHandler = false;
  private pausedByQueue = false;
  private clientPaused = false;
  /** `next()` calls of the iterator waiting for a frame, oldest first. */
  private readonly waiting: ((result: IteratorResult<Data>) => void)[] = [];

  /** The session the host side drives: frames in, close, drain. */
  readonly session: WebSocketSession = {
    onMessage: (frame) => this.receive(frame),
    onClose: (code, reason) => this.finish(code, reason),
    onDrain: () => {
      this.blocked = false;
      this.emit('drain');
    },
  };

  constructor(
    info: WebSocketConnectInfo,
    private readonly client: WebSocketPeer,
  ) {
    super();
    this.path = info.path;
    this.query = new URLSearchParams(info.query);
    this.headers = Object.freeze({ ...info.headers });
    this.signal = this.abort.signal;
    if (info.signal.aborted) this.abort.abort();
    else info.signal.addEventListener('abort', () => this.abort.abort(), { once: true });
    // Frames queued before the handler listened are handed over as soon as it does.
    this.on('newListener', (event) => {
      if (event === 'message') queueMicrotask(() => this.flushToListeners());
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  send(data: string | Uint8Array): boolean {
    if (this.ended) return false;
    const frame: WebSocketFrame =
      typeof data === 'string'
        ? { kind: 'text', data }
        : { kind: 'binary', data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    const ok = this.client.send(frame);
    if (!ok) this.blocked = true;
    return ok && !this.ended;
  }

  drained(): Promise<void> {
    if (!this.blocked || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.off('drain', done);
        this.off('close', done);
        resolve();
      };
      this.on('drain', done);
      this.on('close', done);
    });
  }

  close(code: number = WebSocketCloseCode.NORMAL, reason = ''): void {
    if (this.ended) return;
    this.client.close(code, reason);
    this.finish(code, reason);
  }

  /** A handler that threw: the client sees 1011 with the error's message. */
  fail(error: unknown): void {
    this.close(WebSocketCloseCode.INTERNAL_ERROR, messageOf(error));
  }

  /** No 'message' events until `resume` (frames already on their way wait in the queue). */
  pause(): void {
    this.pausedByHandler = true;
    this.updateFlow();
  }

  resume(): void {
    this.pausedByHandler = false;
    this.flushToListeners();
    this.updateFlow();
  }

  /**
   * A plain iterator rather than an async generator: a frame that finds the handler waiting is
   * handed to it with one promise, where a generator took three or four (and each promise costs
   * more again once async hooks are on, as they are in a plugin that tracks request ids).
   */
  [Symbol.asyncIterator](): AsyncIterator<Data> {
    return {
      next: () => this.nextFrame(),
      // The handler stopped iterating: frames go on queueing (and pause the client) as before.
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }

  private nextFrame(): Promise<IteratorResult<Data>> {
    if (this.queue.length > 0 && this.waiting.length === 0) {
      const value = this.queue.shift()!;
      this.updateFlow();
      return Promise.resolve({ value, done: false });
    }
    if (this.ended && this.queue.length === 0) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private receive(frame: WebSocketFrame): void {
    if (this.ended) return;
    const data = frame.data;
    if (this.queue.length === 0 && !this.pausedByHandler && this.listenerCount('message') > 0) {
      this.deliver(data);
      return;
    }
    if (this.queue.length === 0 && this.waiting.length > 0) {
      this.waiting.shift()!({ value: data, done: false });
      return;
    }
    this.queue.push(data);
    this.updateFlow();
  }

  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.flushToListeners();
    if (this.ended) return; // a listener failed during the flush and closed the connection itself
    this.ended = true;
    this.abort.abort();
    this.endIteration();
    this.emit('close', code, reason);
  }

  private flushToListeners(): void {
    if (this.listenerCount('message') === 0) return;
    while (this.queue.length > 0 && !this.ended && !this.pausedByHandler) this.deliver(this.queue.shift()!);
    this.updateFlow();
  }

  /** A listener that throws fails its own connection only. */
  private deliver(data: Data): void {
    try {
      this.emit('message', data);
    } catch (error) {
      this.fail(error);
    }
  }

  /** The client is paused while the handler asks for it or its unread frames pile up. */
  private updateFlow(): void {
    if (this.ended) return;
    if (this.queue.length >= WS_HANDLER_QUEUE_FRAMES) this.pausedByQueue = true;
    else if (this.queue.length <= WS_HANDLER_QUEUE_FRAMES / 2) this.pausedByQueue = false;
    const paused = this.pausedByHandler || this.pausedByQueue;
    if (paused === this.clientPaused) return;
    this.clientPaused = paused;
    if (paused) this.client.pause();
    else this.client.resume();
  }

  /** Iterators waiting for a frame learn that there will be none (only waiting when the queue is empty). */
  private endIteration(): void {
    for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
  }
}
