import { WireHttpStreamFrame } from '../protocol/protocol.types';

/**
 * One HandleHTTPStream call as the host's HTTP forwarding uses it. grpc-js's ClientDuplexStream
 * has this shape, and so has `H2FrameCall`, the lean client of the plaintext hot path.
 * Events: 'metadata' (the plugin has the method), 'drain', 'status' (the call ended), 'error'.
 */
export interface HttpFrameCall {
  write(frame: WireHttpStreamFrame): boolean;
  /** Half-closes the request side, after one last frame when given. */
  end(frame?: WireHttpStreamFrame): void;
  cancel(): void;
  on(event: 'error', listener: (error: Error) => void): this;
  once(event: 'metadata' | 'status' | 'drain', listener: () => void): this;
  off(event: 'drain', listener: () => void): this;
  /** The plugin's frames; throws the call's error status at the end; `return()` keeps the call. */
  iterator(options: { destroyOnReturn: boolean }): AsyncIterator<WireHttpStreamFrame>;
}
