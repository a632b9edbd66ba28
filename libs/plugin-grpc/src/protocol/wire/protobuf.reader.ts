/** A message that does not parse as protobuf (truncated, or a field of an impossible wire type). */
export class ProtobufDecodeError extends Error {
  constructor(detail: string) {
    super(`invalid protobuf message: ${detail}`);
    this.name = 'ProtobufDecodeError';
  }
}

export enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  Fixed32 = 5,
}

/**
 * Reads the protobuf wire format field by field: `next()` gives each field's number and wire
 * type, then the caller reads its value with the matching method or `skip()`s it. Enough for the
 * few messages the lean client decodes by hand (command-messages.codec.ts); unknown fields are
 * skipped, as every protobuf reader does.
 */
export class ProtobufReader {
  private offset = 0;
  field = 0;
  wireType: WireType = WireType.Varint;

  constructor(private readonly bytes: Uint8Array) {}

  /** Moves to the next field; false at the end of the message. */
  next(): boolean {
    if (this.offset >= this.bytes.length) return false;
    const key = this.uint32();
    this.field = key >>> 3;
    this.wireType = key & 7;
    if (this.field === 0) throw new ProtobufDecodeError('field number 0');
    return true;
  }

  /** A varint's low 32 bits, unsigned (lengths, keys). Varints of up to 10 bytes are read whole. */
  uint32(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.offset >= this.bytes.length) throw new ProtobufDecodeError('truncated varint');
      const byte = this.bytes[this.offset++];
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  }

  /** int32: negative values travel as 10-byte varints whose low 32 bits are the two's complement. */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** A length-delimited field's bytes, as a view (no copy). */
  bytesField(): Buffer {
    const length = this.uint32();
    const end = this.offset + length;
    if (end > this.bytes.length) throw new ProtobufDecodeError('truncated length-delimited field');
    const view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, length);
    this.offset = end;
    return view;
  }

  string(): string {
    return this.bytesField().toString('utf8');
  }

  /** Checks that the current field has the wire type its declaration implies. */
  expect(wireType: WireType): void {
    if (this.wireType !== wireType) {
      throw new ProtobufDecodeError(`field ${this.field} has wire type ${this.wireType}, expected ${wireType}`);
    }
  }

  skip(): void {
    switch (this.wireType) {
      case WireType.Varint:
        this.uint32();
        return;
      case WireType.Fixed64:
        this.advance(8);
        return;
      case WireType.LengthDelimited:
        this.bytesField();
        return;
      case WireType.Fixed32:
        this.advance(4);
        return;
      default:
        throw new ProtobufDecodeError(`field ${this.field} has unsupported wire type ${this.wireType}`);
    }
  }

  private advance(bytes: number): void {
    if (this.offset + bytes > this.bytes.length) throw new ProtobufDecodeError('truncated fixed-width field');
    this.offset += bytes;
  }
}
