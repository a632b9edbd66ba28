import { parseStructuredLogLine } from './plugin-log-line.parser';

describe('parseStructuredLogLine', () => {
  it('reads a StructuredLogger JSON line: level name, message, and its own fields', () => {
    const line =
      '{"level":40,"time":1700000000000,"pid":77,"context":"CodePlugin","requestId":"r1","items":3,"msg":"slow"}';
    expect(parseStructuredLogLine(line)).toEqual({
      level: 'warn',
      msg: 'slow',
      fields: { pluginContext: 'CodePlugin', requestId: 'r1', items: 3 },
    });
  });

  it('accepts level names from other languages, and defaults to info', () => {
    expect(parseStructuredLogLine('{"level":"error","msg":"no db"}')).toMatchObject({ level: 'error', msg: 'no db' });
    expect(parseStructuredLogLine('{"msg":"plain"}')).toMatchObject({ level: 'info' });
  });

  it('leaves plain output, other JSON and broken JSON as plain lines', () => {
    for (const text of ['starting up', '{ not json', '["a"]', '{"message":"no msg key"}', '42', '']) {
      expect(parseStructuredLogLine(text)).toBeNull();
    }
  });
});
