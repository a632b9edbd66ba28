/**
 * gRPC's length-prefixed message framing (one byte compressed flag, four bytes length, then the
 * message), as it travels in HTTP/2 DATA frames.
 */
export function frameMessage(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

export class GrpcFrameError extends Error {}

/**
 * Splits a byte stream into gRPC messages. Chunks are kept by reference until a message is
 * whole, so a message that arrives in one chunk is sliced, never copied.
 */
export class GrpcMessageDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer, onMessage: (message: Buffer) => void): void {
    let buffer = chunk;
    if (this.pendingBytes > 0) {
      this.pending.push(chunk);
      buffer = Buffer.concat(this.pending, this.pendingBytes + chunk.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    let offset = 0;
    while (buffer.length - offset >= 5) {
      if (buffer[offset] !== 0) throw new GrpcFrameError('compressed gRPC messages are not supported');
      const length = buffer.readUInt32BE(offset + 1);
      if (length > this.maxMessageBytes) {
        throw new GrpcFrameError(`gRPC message of ${length} bytes is over the limit of ${this.maxMessageBytes}`);
      }
      if (buffer.length - offset - 5 < length) break;
      onMessage(buffer.subarray(offset + 5, offset + 5 + length));
      offset += 5 + length;
    }
    if (offset < buffer.length) {
      const rest = buffer.subarray(offset);
      this.pending.push(rest);
      this.pendingBytes = rest.length;
    }
  }

  get hasPartialMessage(): boolean {
    return this.pendingBytes > 0;
  }
}
