import { PassThrough, Readable } from 'node:stream';
import { collectBody, disposeBody, readBody } from './http-body';
import { BodyTooLargeError } from './errors/body-too-large.error';

describe('readBody', () => {
  it('joins the chunks already read with the rest of the stream', async () => {
    const rest = Readable.from([Buffer.from('cd'), Buffer.from('ef')], { objectMode: false });
    await expect(readBody(rest, 10, 'p', [Buffer.from('ab')])).resolves.toEqual(Buffer.from('abcdef'));
  });

  it('refuses a body past the limit, naming the plugin, and drains the rest instead of keeping it', async () => {
    const stream = new PassThrough();
    const reading = readBody(stream, 4, 'probe');
    stream.write(Buffer.from('abc'));
    stream.write(Buffer.from('def'));
    await expect(reading).rejects.toThrow(BodyTooLargeError);
    await expect(reading).rejects.toThrow(/4-byte limit of plugin "probe"/);
    stream.end(Buffer.from('more'));
    await new Promise((resolve) => stream.on('end', resolve)); // it flows to its end, unread
  });

  it('answers at once for a stream that has already ended', async () => {
    const stream = Readable.from([], { objectMode: false });
    for await (const _ of stream) void _;
    await expect(readBody(stream, 10, 'p', [Buffer.from('kept')])).resolves.toEqual(Buffer.from('kept'));
  });
});

describe('collectBody', () => {
  it('gathers strings and typed arrays into one Buffer', async () => {
    async function* source(): AsyncGenerator<string | Uint8Array> {
      yield 'ab';
      yield new Uint8Array([99, 100]);
    }
    await expect(collectBody(source(), 10, 'p')).resolves.toEqual(Buffer.from('abcd'));
  });

  it('refuses a produced body past the limit, naming the plugin', async () => {
    await expect(collectBody(Readable.from([Buffer.alloc(6)]), 5, 'p')).rejects.toThrow(/plugin "p" is larger than 5 bytes/);
  });
});

describe('disposeBody', () => {
  it('runs the cleanup of a generator that was never read', async () => {
    let cleaned = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('x');
      } finally {
        cleaned = true;
      }
    }
    const generator = source();
    await generator.next();
    disposeBody(generator);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cleaned).toBe(true);
  });

  it('destroys a stream', () => {
    const stream = new PassThrough();
    disposeBody(stream);
    expect(stream.destroyed).toBe(true);
  });
});
