import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as Pino, StreamEntry } from 'pino';
import pinoPretty from 'pino-pretty';
import { currentRequestId } from './request-context';
import { LogFormat, LogLevelName, LogSettings, resolveLogSettings } from './log-settings';
import { currentTraceIds } from '../tracing/trace-propagation';

export interface StructuredLoggerOptions extends Partial<LogSettings> {
  /**
   * Where every line goes. Without it, lines go to stdout and, from `warn` up, to stderr only
   * (so a launching host quotes a plugin's errors from its stderr).
   */
  destination?: NodeJS.WritableStream;
}

/** The fields of one log line. */
type LogFields = Record<string, unknown>;

const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * Nest's LoggerService over pino: JSON lines (`{"level":30,"time":…,"context":…,"msg":…}`) or
 * readable ones (pino-pretty), with the id of the request being served (`requestId`) on every
 * line written while serving it. A message may be an object: its fields become the line's
 * fields and its `msg` the message, so `new Logger('x').log({ msg: 'hi', plugin: 'code' })`
 * stays structured.
 */
export class StructuredLogger implements LoggerService {
  readonly format: LogFormat;
  private readonly pino: Pino;

  constructor(options: StructuredLoggerOptions = {}) {
    const settings = { ...resolveLogSettings([], {}), ...options };
    this.format = settings.format;
    this.pino = pino(
      // No base fields: `pid` is set per line, so a line about another process (a plugin's output
      // relayed by the host) can carry that process's pid instead of ours.
      { level: settings.level, base: undefined },
      destinationOf(settings.format, options.destination),
    );
  }

  /** The logger a process configured by its flags and environment wants (see resolveLogSettings). */
  static fromEnvironment(
    argv: string[] = process.argv.slice(2),
    env: NodeJS.ProcessEnv = process.env,
  ): StructuredLogger {
    return new StructuredLogger(resolveLogSettings(argv, env));
  }

  isEnabled(level: LogLevelName): boolean {
    return level !== 'silent' && this.pino.isLevelEnabled(level);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Writes one line at `level` with `fields`, whatever Nest's calling convention. */
  write(level: Level, message: unknown, params: unknown[] = [], mayCarryStack = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const { context, stack } = contextAndStack(params, mayCarryStack);
    const fields: LogFields = {};
    let msg: string;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
      msg = String(fields.msg ?? fields.message ?? '');
      delete fields.msg;
      delete fields.message;
    } else {
      msg = String(message);
    }
    if (context !== undefined && fields.context === undefined) fields.context = context;
    if (stack !== undefined && fields.err === undefined) fields.err = { message: msg, stack };
    if (fields.pid === undefined && this.format === 'json') fields.pid = process.pid;
    const requestId = currentRequestId();
    if (requestId !== undefined && fields.requestId === undefined) fields.requestId = requestId;
    const ids = currentTraceIds();
    if (ids && fields.traceId === undefined) Object.assign(fields, ids);
    this.pino[level](fields, msg);
  }
}

/** Nest passes the context last, and for errors a stack before it (see Nest's ConsoleLogger). */
function contextAndStack(params: unknown[], mayCarryStack: boolean): { context?: string; stack?: string } {
  if (params.length === 0) return {};
  const last = params[params.length - 1];
  if (mayCarryStack && params.length === 1 && typeof last === 'string' && STACK.test(last)) return { stack: last };
  const context = typeof last === 'string' ? last : undefined;
  const before = context === undefined ? last : params[params.length - 2];
  const stack = mayCarryStack && typeof before === 'string' && params.length >= 2 ? before : undefined;
  return { context, stack };
}

/** pino-pretty's layout: "12:00:00.000 INFO (pid): [Context] [plugin's context] message {fields}". */
const PRETTY = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'hostname,context,pluginContext,plugin,stream',
  messageFormat: '{if context}[{context}] {end}{if pluginContext}[{pluginContext}] {end}{msg}',
};

function destinationOf(format: LogFormat, destination: NodeJS.WritableStream | undefined): DestinationStream {
  if (destination) {
    return format === 'json'
      ? (destination as DestinationStream)
      : pinoPretty({ ...PRETTY, destination, colorize: false });
  }
  const stream = (fd: 1 | 2): DestinationStream =>
    format === 'json' ? pino.destination({ fd, sync: true }) : pinoPretty({ ...PRETTY, destination: fd, sync: true });
  const streams: StreamEntry[] = [
    { level: 'trace', stream: stream(1) },
    { level: 'warn', stream: stream(2) },
  ];
  return pino.multistream(streams, { dedupe: true });
}
