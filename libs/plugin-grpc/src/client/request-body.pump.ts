import type { Readable } from 'node:stream';
import { HttpFrameCall } from './http-frame-call.interface';
import { HTTP_STREAM_CHUNK_BYTES } from '../plugin-grpc.constants';

type FrameCall = HttpFrameCall;

/**
 * Feeds a request body into a HandleHTTPStream call, one frame per chunk, pausing the source
 * whenever the call's buffer is full (so a slow plugin slows the client, not the host's heap).
 *
 * Until the plugin has shown it implements the call, the chunks sent are also kept (up to
 * `retainUpTo` bytes) so that they can be replayed over HandleHTTP if it answers UNIMPLEMENTED.
 */
export class RequestBodyPump {
  private kept: Buffer[] | null;
  private keptBytes = 0;
  private stopped = false;

  constructor(
    private readonly call: FrameCall,
    private readonly source: Readable | undefined,
    private readonly body: Buffer,
    private readonly retainUpTo: number,
  ) {
    this.kept = retainUpTo > 0 ? [] : null;
  }

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

  /** The plugin has the method: nothing will need a replay. */
  forgetKept(): void {
    this.kept = null;
  }

  /** The chunks read from the source so far, or null when they were not all kept. */
  takeKept(): Buffer[] | null {
    return this.kept;
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
    if (this.kept) {
      this.keptBytes += chunk.length;
      if (this.keptBytes > this.retainUpTo) this.kept = null;
      else this.kept.push(chunk);
    }
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
