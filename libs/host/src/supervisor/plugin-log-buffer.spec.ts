import { PluginLogBuffer, PluginLogLine } from './plugin-log-buffer';

const line = (text: string, pid = 1, stream: PluginLogLine['stream'] = 'stdout'): PluginLogLine => ({
  time: '2024-01-01T00:00:00.000Z',
  pid,
  stream,
  text,
});

describe('PluginLogBuffer', () => {
  it('keeps the last lines, oldest first, once it wraps', () => {
    const buffer = new PluginLogBuffer(3);
    for (const text of ['a', 'b', 'c', 'd', 'e']) buffer.push(line(text));
    expect(buffer.lines().map((l) => l.text)).toEqual(['c', 'd', 'e']);
    expect(buffer.lines(2).map((l) => l.text)).toEqual(['d', 'e']);
  });

  it('gives the last stderr lines of one process', () => {
    const buffer = new PluginLogBuffer(10);
    buffer.push(line('old crash', 1, 'stderr'));
    buffer.push(line('noise', 2, 'stdout'));
    buffer.push(line('boom 1', 2, 'stderr'));
    buffer.push(line('boom 2', 2, 'stderr'));
    buffer.push(line('boom 3', 2, 'stderr'));
    expect(buffer.tail(2, 'stderr', 2)).toEqual(['boom 2', 'boom 3']);
  });
});
