import { WireType } from './protobuf.reader';

/**
 * Writes the protobuf wire format: fields appended in order, nested messages as their own
 * writer's bytes. The counterpart of `ProtobufReader` for the lean client's requests.
 */
export class ProtobufWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WireType.LengthDelimited);
    this.varint(value.length);
    this.push(Buffer.from(value.buffer, value.byteOffset, value.length));
    return this;
  }

  message(field: number, value: ProtobufWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }

  private key(field: number, wireType: WireType): void {
    this.varint((field << 3) | wireType);
  }

  /** Unsigned values below 2^32 (keys and lengths). */
  private varint(value: number): void {
    const out: number[] = [];
    let rest = value >>> 0;
    while (rest >= 0x80) {
      out.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out.push(rest);
    this.push(Buffer.from(out));
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
}
