import type { Readable } from 'node:stream';
import { HttpBodySource } from './http.interface';
import { BodyTooLargeError } from './errors/body-too-large.error';

export const EMPTY_BODY = Buffer.alloc(0);

/** A body chunk as a Buffer, without copying the bytes of a Buffer or a typed array. */
export function toBuffer(chunk: Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Reads a streamed request body into one Buffer after the chunks already read (`head`), refusing
 * past `limit` bytes. On refusal the rest of the stream is discarded, not buffered.
 */
export function readBody(stream: Readable, limit: number, plugin: string, head: Buffer[] = []): Promise<Buffer> {
  let size = head.reduce((sum, chunk) => sum + chunk.length, 0);
  if (size > limit) return Promise.reject(new BodyTooLargeError(plugin, limit));
  const chunks = head.slice();
  if (stream.readableEnded) return Promise.resolve(Buffer.concat(chunks, size));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        stream.resume();
        reject(new BodyTooLargeError(plugin, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      stream.off('data', onData).off('end', onEnd).off('error', onError);
    };
    stream.on('data', onData).on('end', onEnd).on('error', onError);
    stream.resume();
  });
}

/** Collects a produced response body into one Buffer, refusing past `limit` bytes (for a unary answer). */
export async function collectBody(source: HttpBodySource, limit: number, plugin: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = toBuffer(chunk);
    size += buffer.length;
    if (size > limit) {
      throw new Error(`The response of plugin "${plugin}" is larger than ${limit} bytes, too large for one unary answer.`);
    }
    chunks.push(buffer);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

/** Releases a body that will not be read: closes a stream, or ends a generator early. */
export function disposeBody(source: HttpBodySource | undefined): void {
  if (!source) return;
  const destroyable = source as Partial<Readable>;
  if (typeof destroyable.destroy === 'function') {
    destroyable.destroy();
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  iterator.return?.().catch(() => undefined);
}
