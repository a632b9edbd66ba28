import { InvalidLogSettingError } from '../errors/invalid-log-setting.error';

/** `json`: one JSON object per line (production); `pretty`: readable, coloured on a terminal. */
export type LogFormat = 'json' | 'pretty';
export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface LogSettings {
  format: LogFormat;
  level: LogLevelName;
}

/** Environment fallbacks of `--log-format` and `--log-level`; a launching host sets the format to json. */
export const ENV_LOG_FORMAT = 'QNTX_LOG_FORMAT';
export const ENV_LOG_LEVEL = 'QNTX_LOG_LEVEL';

const FORMATS: readonly LogFormat[] = ['json', 'pretty'];
const LEVELS: readonly LogLevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * `--log-format json|pretty` or QNTX_LOG_FORMAT, else json when NODE_ENV=production and pretty
 * otherwise; `--log-level` or QNTX_LOG_LEVEL, default info.
 */
export function resolveLogSettings(argv: string[], env: NodeJS.ProcessEnv = process.env): LogSettings {
  const format =
    option(argv, 'log-format') ?? env[ENV_LOG_FORMAT] ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  const level = option(argv, 'log-level') ?? env[ENV_LOG_LEVEL] ?? 'info';
  if (!FORMATS.includes(format as LogFormat)) {
    throw new InvalidLogSettingError(`--log-format/${ENV_LOG_FORMAT}`, format, FORMATS);
  }
  if (!LEVELS.includes(level as LogLevelName))
    throw new InvalidLogSettingError(`--log-level/${ENV_LOG_LEVEL}`, level, LEVELS);
  return { format: format as LogFormat, level: level as LogLevelName };
}

function option(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}
