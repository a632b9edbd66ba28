import * as grpc from '@grpc/grpc-js';
import { EventEmitter } from 'node:events';
import { WireHttpStreamFrame } from '../../protocol/protocol.types';
import { MessageCodec } from '../../protocol/protocol-codecs';
import { HttpFrameCall } from '../http-frame-call.interface';
import { CallStatus, H2GrpcCall } from './h2-grpc.call';
import { GrpcCallStatusError } from './grpc-call-status';

/** Frames read ahead of the consumer before the HTTP/2 stream is paused (flow control does the rest). */
const READ_AHEAD_FRAMES = 8;

/**
 * HandleHTTPStream over `H2GrpcCall`: frames are encoded and decoded with the protobufjs codec
 * and queued for an async iterator, pausing the HTTP/2 stream when the reader falls behind.
 */
export class H2FrameCall extends EventEmitter implements HttpFrameCall {
  private readonly queue: WireHttpStreamFrame[] = [];
  private status: CallStatus | null = null;
  private wake: (() => void) | null = null;
  private paused = false;

  constructor(
    private readonly call: H2GrpcCall,
    private readonly codec: MessageCodec<WireHttpStreamFrame>,
  ) {
    super();
    call.on('metadata', () => this.emit('metadata'));
    call.on('drain', () => this.emit('drain'));
    call.on('message', (bytes: Buffer) => {
      this.queue.push(normalizeFrame(this.codec.decode(bytes)));
      if (this.queue.length >= READ_AHEAD_FRAMES && !this.paused) {
        this.paused = true;
        call.pause();
      }
      this.notify();
    });
    call.once('status', (status: CallStatus) => {
      this.status = status;
      this.emit('status', status);
      if (status.code !== grpc.status.OK && this.listenerCount('error') > 0) {
        this.emit('error', new GrpcCallStatusError(status.code, status.details));
      }
      this.notify();
    });
  }

  write(frame: WireHttpStreamFrame): boolean {
    return this.call.write(this.codec.encode(frame));
  }

  /** With a frame, the frame and the end go in one write: a GET is one DATA frame with END_STREAM. */
  end(frame?: WireHttpStreamFrame): void {
    this.call.end(frame ? this.codec.encode(frame) : undefined);
  }

  cancel(): void {
    this.call.cancel();
  }

  iterator(): AsyncIterator<WireHttpStreamFrame> {
    return {
      next: () => this.next(),
      return: async () => ({ done: true, value: undefined }),
    };
  }

  private async next(): Promise<IteratorResult<WireHttpStreamFrame>> {
    for (;;) {
      const frame = this.queue.shift();
      if (frame) {
        if (this.paused && this.queue.length < READ_AHEAD_FRAMES / 2) {
          this.paused = false;
          this.call.resume();
        }
        return { done: false, value: frame };
      }
      const status = this.status;
      if (status) {
        if (status.code === grpc.status.OK) return { done: true, value: undefined };
        throw new GrpcCallStatusError(status.code, status.details);
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * protobufjs leaves unset fields on the prototype, and an unset `bytes` there is an empty array,
 * not a Buffer: give the frame the plain shape proto-loader gives (unset oneof member → absent).
 */
function normalizeFrame(frame: WireHttpStreamFrame & { frame?: string }): WireHttpStreamFrame {
  if (frame.frame === 'data') return { data: asBuffer(frame.data) };
  const head = frame.head!;
  return {
    head: {
      method: head.method,
      path: head.path,
      status_code: head.status_code,
      headers: head.headers,
      end_of_body: head.end_of_body,
      body: asBuffer(head.body),
    },
  };
}

const EMPTY = Buffer.alloc(0);

/** protobufjs decodes bytes to Buffers in Node; an unset field's default may be a plain array. */
function asBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : EMPTY;
}
