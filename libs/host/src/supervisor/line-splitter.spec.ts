import { PassThrough } from 'node:stream';
import { splitLines } from './line-splitter';

function collect(maxLength?: number): { stream: PassThrough; lines: string[]; ended: Promise<void> } {
  const stream = new PassThrough();
  const lines: string[] = [];
  splitLines(stream, (line) => lines.push(line), maxLength);
  const ended = new Promise<void>((resolve) => stream.on('end', resolve));
  return { stream, lines, ended };
}

describe('splitLines', () => {
  it('splits chunks into lines, across chunk boundaries, without CR or colour codes', async () => {
    const { stream, lines, ended } = collect();
    stream.write('one\r\ntw');
    stream.write('o\n\x1b[32mgreen\x1b[39m\nlast');
    stream.end();
    await ended;
    expect(lines).toEqual(['one', 'two', 'green', 'last']);
  });

  it('cuts a line that never ends at the limit', async () => {
    const { stream, lines, ended } = collect(4);
    stream.end('abcdefghij\n');
    await ended;
    expect(lines).toEqual(['abcd', 'efgh', 'ij']);
  });
});
