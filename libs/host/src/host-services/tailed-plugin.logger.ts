import { NestPluginLogger, PluginLogger } from '@qntx/domains';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { PluginLogLevel } from '../supervisor/plugin-log-buffer';

/**
 * The loggers the host hands to plugins. A plugin's logger lines reach the host's log (through
 * host services for an external plugin), not the plugin's stdout; for a plugin the host launched
 * they are also kept with its output (`stream: "log"`), so `/logs` and the status page's live
 * tail show them. Debug lines only go to the host's log.
 */
export function tailedPluginLoggers(loaded: LoadedPlugin[]): (domain: string) => PluginLogger {
  return (domain) => {
    const logger = new NestPluginLogger(domain);
    const supervisor = loaded.find(({ plugin }) => plugin.metadata().name === domain)?.supervisor;
    if (!supervisor) return logger;
    const keep = (level: PluginLogLevel, text: string, fields?: Record<string, unknown>): void => {
      const line = {
        time: new Date().toISOString(),
        pid: supervisor.status().pid ?? 0,
        stream: 'log' as const,
        text,
        level,
      };
      supervisor.logs.push(fields && Object.keys(fields).length > 0 ? { ...line, fields } : line);
    };
    return new TailedPluginLogger(logger, keep);
  };
}

class TailedPluginLogger implements PluginLogger {
  constructor(
    private readonly inner: PluginLogger,
    private readonly keep: (level: PluginLogLevel, text: string, fields?: Record<string, unknown>) => void,
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.inner.debug(message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.inner.info(message, fields);
    this.keep('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.inner.warn(message, fields);
    this.keep('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.inner.error(message, fields);
    this.keep('error', message, fields);
  }
}
