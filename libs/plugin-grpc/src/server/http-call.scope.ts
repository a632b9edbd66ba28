import * as grpc from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { REQUEST_ID_METADATA_KEY, runWithRequestId } from '../logging/request-context';
import { WireHttpRequest, WireHttpResponse } from '../protocol/protocol.types';

const log = new Logger('PluginHttp');

/**
 * Runs the serving of one HandleHTTP or HandleHTTPStream call as part of the host's request:
 * the `x-request-id` the host sent as metadata is on every log line written while the route
 * runs (AsyncLocalStorage follows its promises and callbacks). Without an id (an older host)
 * `serve` simply runs.
 */
export function inRequestScope<T>(call: { metadata: grpc.Metadata }, serve: () => T): T {
  const [id] = call.metadata.get(REQUEST_ID_METADATA_KEY);
  return typeof id === 'string' && id !== '' ? runWithRequestId(id, serve) : serve();
}

/** HandleHTTP in the request's scope, with its debug line. */
export function serveHttpCall(
  call: { metadata: grpc.Metadata },
  request: WireHttpRequest,
  handle: () => Promise<WireHttpResponse>,
): Promise<WireHttpResponse> {
  return inRequestScope(call, async () => {
    const started = performance.now();
    const response = await handle();
    logAnswer(request.method, request.path, response.status_code, started);
    return response;
  });
}

/** One debug line per request served: method, path, status and time taken by the route. */
export function logAnswer(method: string, path: string, status: number, started: number): void {
  const ms = Math.round((performance.now() - started) * 10) / 10;
  log.debug({ msg: `${method} ${path} answered ${status}`, status, ms });
}
