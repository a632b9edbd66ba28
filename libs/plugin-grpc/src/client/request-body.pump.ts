import type { Readable } from 'node:stream';
import { HttpFrameCall } from './http-frame-call.interface';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';

type FrameCall = HttpFrameCall;

/**
 * Feeds a request body into a HandleHTTPStream call, one frame per chunk, pausing the source
 * whenever the call's buffer is full (so a slow plugin slows the client, not the host's heap).
 */
export class RequestBodyPump {
  private stopped = false;

  constructor(
    private readonly call: FrameCall,
    private readonly source: Readable | undefined,
    private readonly body: Buffer,
  ) {}

  start(): void {
    const source = this.source;
    if (!source) {
      for (let at = 0; at < this.body.length; at += HTTP_STREAM_CHUNK_BYTES) {
        this.call.write({ data: this.body.subarray(at, at + HTTP_STREAM_CHUNK_BYTES) });
      }
      this.call.end();
      return;
    }
    source.on('data', this.onData).on('end', this.onEnd).on('error', this.onError);
    source.resume();
  }

  /** Stops reading the source and leaves it paused, where a fallback or a discard can pick it up. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.call.off('drain', this.onDrain);
    const source = this.source;
    if (!source) return;
    source.off('data', this.onData).off('end', this.onEnd).off('error', this.onError);
    source.pause();
  }

  private readonly onData = (chunk: Buffer): void => {
    if (!this.call.write({ data: chunk })) {
      this.source!.pause();
      this.call.once('drain', this.onDrain);
    }
  };

  private readonly onDrain = (): void => {
    if (!this.stopped) this.source!.resume();
  };

  private readonly onEnd = (): void => {
    this.stop();
    this.call.end();
  };

  private readonly onError = (): void => {
    this.stop();
    this.call.cancel();
  };
}
