import { PluginLogger } from '@qntx/domains';
import { HostServicesClient } from './host-services.client';
import { WireLogLevel } from './host-services.types';
import { currentRequestId } from '../logging/request-context';
import { currentTraceIds } from '../tracing/trace-propagation';

/** Lines sent and not yet acknowledged; past this, lines are written locally instead of queued. */
const MAX_IN_FLIGHT = 256;

/**
 * A logger whose lines land in the host's log, under the plugin's name (the host takes the name
 * from the token). Logging never blocks or throws: a line the host does not take (host gone,
 * too many in flight) is written by the local logger instead, so it is not lost.
 */
export class RemotePluginLogger implements PluginLogger {
  private inFlight = 0;

  constructor(
    private readonly client: HostServicesClient,
    private readonly local: PluginLogger,
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.send(WireLogLevel.DEBUG, 'debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.send(WireLogLevel.INFO, 'info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.send(WireLogLevel.WARN, 'warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.send(WireLogLevel.ERROR, 'error', message, fields);
  }

  private send(level: WireLogLevel, name: keyof PluginLogger, message: string, given?: Record<string, unknown>): void {
    // The line leaves the request's async context here: the request id goes along as a field.
    const requestId = currentRequestId();
    const ids = given?.traceId === undefined ? currentTraceIds() : undefined;
    const withRequest = requestId === undefined || given?.requestId !== undefined ? given : { ...given, requestId };
    const fields = ids ? { ...withRequest, ...ids } : withRequest;
    if (this.inFlight >= MAX_IN_FLIGHT) return this.local[name](message, fields);
    let fieldsJson = '';
    try {
      fieldsJson = fields && Object.keys(fields).length > 0 ? JSON.stringify(fields) : '';
    } catch {
      fieldsJson = JSON.stringify({ fields: '(not serializable)' });
    }
    this.inFlight++;
    this.client
      .log({ level, message, fields_json: fieldsJson })
      .catch(() => this.local[name](message, fields))
      .finally(() => this.inFlight--);
  }
}
