import { Logger } from '@nestjs/common';
import { PluginLogger } from './service-registry.interface';

/**
 * A named logger over Nest's Logger, so plugin lines land in the host's log with their name.
 * Fields travel as a message object (`{ msg, ...fields }`), which a structured logger writes as
 * the line's own fields.
 */
export class NestPluginLogger implements PluginLogger {
  private readonly logger: Logger;

  constructor(domain: string) {
    this.logger = new Logger(domain);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.logger.debug(withFields(message, fields));
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.logger.log(withFields(message, fields));
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.logger.warn(withFields(message, fields));
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.logger.error(withFields(message, fields));
  }
}

function withFields(message: string, fields?: Record<string, unknown>): string | Record<string, unknown> {
  if (!fields || Object.keys(fields).length === 0) return message;
  return { ...fields, msg: message };
}
