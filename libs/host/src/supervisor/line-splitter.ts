import { Readable } from 'node:stream';

/** Colour and cursor escapes: plugin output lands in logs and JSON, not on a terminal. */
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * Calls `onLine` for each line of a stream, without the line break and escape codes. A line
 * longer than `maxLength` is cut there, so a plugin that never prints a newline cannot make
 * the host buffer without bound.
 */
export function splitLines(stream: Readable, onLine: (line: string) => void, maxLength = 16 * 1024): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    for (;;) {
      const newline = pending.indexOf('\n');
      if (newline >= 0 && newline <= maxLength) {
        emit(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      } else if (pending.length > maxLength) {
        emit(pending.slice(0, maxLength));
        pending = pending.slice(maxLength);
      } else {
        break;
      }
    }
  });
  stream.on('end', () => {
    if (pending) emit(pending);
    pending = '';
  });
  function emit(line: string): void {
    onLine(line.replace(/\r$/, '').replace(ANSI, ''));
  }
}
