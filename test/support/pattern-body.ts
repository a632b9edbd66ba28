import { createHash } from 'node:crypto';

/** Bytes per chunk of a pattern body: the size the streaming path moves at. */
export const PATTERN_CHUNK_BYTES = 64 * 1024;

const BLOCK = (() => {
  // A fixed pseudo-random block (xorshift), so a pattern body compresses nothing and repeats nothing short.
  const block = Buffer.alloc(PATTERN_CHUNK_BYTES);
  let x = 0x9e3779b9;
  for (let i = 0; i < block.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
  return block;
})();

/**
 * A deterministic body of `total` bytes, produced chunk by chunk: each chunk is the fixed block
 * stamped with its index, so a lost, repeated or reordered chunk changes the hash.
 */
export function* patternChunks(total: number): Generator<Buffer> {
  for (let index = 0, left = total; left > 0; index++) {
    const size = Math.min(PATTERN_CHUNK_BYTES, left);
    const chunk = Buffer.from(BLOCK.subarray(0, size));
    if (size >= 8) chunk.writeBigUInt64LE(BigInt(index), 0);
    left -= size;
    yield chunk;
  }
}

/** The sha256 of a pattern body, computed without holding it. */
export function patternSha256(total: number): string {
  const hash = createHash('sha256');
  for (const chunk of patternChunks(total)) hash.update(chunk);
  return hash.digest('hex');
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
