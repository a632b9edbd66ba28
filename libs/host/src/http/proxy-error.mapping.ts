import {
  PluginCallError,
  PluginTimeoutError,
  PluginUnavailableError,
  messageOf,
} from '@qntx/domains';

export interface ProxyErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { error: string; plugin: string; message: string };
}

/** The design card's failure statuses: 503 down (Retry-After), 504 deadline, 502 plugin error. */
export function proxyErrorResponse(plugin: string, error: unknown): ProxyErrorResponse {
  if (error instanceof PluginUnavailableError) {
    return {
      status: 503,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      body: { error: 'Service Unavailable', plugin, message: error.message },
    };
  }
  if (error instanceof PluginTimeoutError) {
    return { status: 504, headers: {}, body: { error: 'Gateway Timeout', plugin, message: error.message } };
  }
  const message = error instanceof PluginCallError ? error.message : `Plugin "${plugin}" failed: ${messageOf(error)}`;
  return { status: 502, headers: {}, body: { error: 'Bad Gateway', plugin, message } };
}
