import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { runWithRequestId } from './request-context';
import { StructuredLogger } from './structured-logger';
import { resolveLogSettings } from './log-settings';

/** Collects what a logger writes, line by line. */
function memory(): { stream: Writable; lines(): string[]; json(): Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const lines = (): string[] => text.split('\n').filter(Boolean);
  return { stream, lines, json: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('StructuredLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('writes one JSON object per line with level, time, pid, context and message', () => {
    const out = memory();
    const logger = new StructuredLogger({ format: 'json', level: 'info', destination: out.stream });
    logger.log('plugin ready', 'CodePlugin');
    logger.warn('slow answer', 'HTTP');
    const [ready, slow] = out.json();
    expect(ready).toMatchObject({ level: 30, pid: process.pid, context: 'CodePlugin', msg: 'plugin ready' });
    expect(typeof ready.time).toBe('number');
    expect(slow).toMatchObject({ level: 40, context: 'HTTP', msg: 'slow answer' });
  });

  it('puts the id of the request being served on every line written while serving it, across awaits', async () => {
    const out = memory();
    Logger.overrideLogger(new StructuredLogger({ format: 'json', destination: out.stream }));
    const log = new Logger('Route');
    await runWithRequestId('req-42', async () => {
      log.log('before');
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.log('after');
    });
    log.log('outside');
    expect(out.json().map((line) => [line.msg, line.requestId])).toEqual([
      ['before', 'req-42'],
      ['after', 'req-42'],
      ['outside', undefined],
    ]);
  });

  it('keeps the fields of a message object as fields of the line, and a stack as err.stack', () => {
    const out = memory();
    Logger.overrideLogger(new StructuredLogger({ format: 'json', destination: out.stream }));
    new Logger('plugin:code').log({ msg: 'a line of the plugin', plugin: 'code', pid: 4321, stream: 'stdout' });
    const stack = new Error('boom').stack!;
    new Logger('Boom').error('it failed', stack);
    const [relayed, failed] = out.json();
    expect(relayed).toMatchObject({ msg: 'a line of the plugin', plugin: 'code', pid: 4321, context: 'plugin:code' });
    expect(failed).toMatchObject({ level: 50, msg: 'it failed', context: 'Boom', err: { stack } });
  });

  it('drops lines below its level without formatting them', () => {
    const out = memory();
    const logger = new StructuredLogger({ format: 'json', level: 'warn', destination: out.stream });
    logger.log('hidden');
    logger.debug('hidden too');
    logger.error('shown');
    expect(out.json().map((line) => line.msg)).toEqual(['shown']);
    expect(logger.isEnabled('info')).toBe(false);
  });

  it('writes readable single lines in the pretty format, with the context in brackets and fields after', () => {
    const out = memory();
    const logger = new StructuredLogger({ format: 'pretty', destination: out.stream });
    runWithRequestId('abc', () => logger.log('hello there', 'Host'));
    const [line] = out.lines();
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Host\] hello there \{"requestId":"abc"\}$/);
  });
});

describe('resolveLogSettings', () => {
  it('is JSON in production and readable otherwise, unless a flag or QNTX_LOG_FORMAT says', () => {
    expect(resolveLogSettings([], { NODE_ENV: 'production' })).toEqual({ format: 'json', level: 'info' });
    expect(resolveLogSettings([], {})).toEqual({ format: 'pretty', level: 'info' });
    expect(resolveLogSettings(['--log-format', 'json'], {}).format).toBe('json');
    expect(resolveLogSettings(['--log-format=pretty'], { NODE_ENV: 'production' }).format).toBe('pretty');
    expect(resolveLogSettings([], { QNTX_LOG_FORMAT: 'json', QNTX_LOG_LEVEL: 'debug' })).toEqual({
      format: 'json',
      level: 'debug',
    });
  });

  it('refuses an unknown format or level, naming the setting and the choices', () => {
    expect(() => resolveLogSettings(['--log-format', 'xml'], {})).toThrow(
      '--log-format/QNTX_LOG_FORMAT must be one of json, pretty; got "xml".',
    );
    expect(() => resolveLogSettings([], { QNTX_LOG_LEVEL: 'loud' })).toThrow(
      /--log-level\/QNTX_LOG_LEVEL must be one of trace, debug/,
    );
  });
});
