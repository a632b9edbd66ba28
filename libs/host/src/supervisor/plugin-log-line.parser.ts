import { PluginLogLevel } from './plugin-log-buffer';

/** One line of a plugin's output that was a structured (JSON) log line. */
export interface StructuredLogLine {
  level: PluginLogLevel;
  msg: string;
  /** The line's own fields, without level, time, pid and hostname; its `context` as `pluginContext`. */
  fields: Record<string, unknown>;
}

const PINO_LEVELS: Record<number, PluginLogLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const LEVEL_NAMES = new Set<string>(Object.values(PINO_LEVELS));

/**
 * Reads a line an SDK plugin wrote with its StructuredLogger (a host launches plugins with
 * QNTX_LOG_FORMAT=json), or any JSON object line with a string `msg` (numeric pino levels or
 * level names). Anything else is plain output: null.
 */
export function parseStructuredLogLine(text: string): StructuredLogLine | null {
  if (text.charCodeAt(0) !== 0x7b /* { */) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const {
    level,
    time: _time,
    pid: _pid,
    hostname: _hostname,
    msg,
    context,
    ...fields
  } = value as Record<string, unknown>;
  if (typeof msg !== 'string') return null;
  if (typeof context === 'string') fields.pluginContext = context;
  return { level: levelOf(level), msg, fields };
}

function levelOf(level: unknown): PluginLogLevel {
  if (typeof level === 'number') return PINO_LEVELS[level] ?? 'info';
  if (typeof level === 'string' && LEVEL_NAMES.has(level)) return level as PluginLogLevel;
  return 'info';
}
