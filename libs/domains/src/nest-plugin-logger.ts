import { Logger } from '@nestjs/common';
import { PluginLogger } from './service-registry.interface';

/** A named logger over Nest's Logger, so plugin lines land in the host's log with their name. */
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

function withFields(message: string, fields?: Record<string, unknown>): string {
  if (!fields || Object.keys(fields).length === 0) return message;
  return `${message} ${JSON.stringify(fields)}`;
}
