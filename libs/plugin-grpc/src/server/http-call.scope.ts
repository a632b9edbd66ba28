import * as grpc from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { REQUEST_ID_METADATA_KEY, runWithRequestId } from '../logging/request-context';
import { WireHttpRequest, WireHttpResponse } from '../protocol/protocol.types';

const log = new Logger('PluginHttp');

/**
 * Serves one HandleHTTP call as part of the host's request: the `x-request-id` the host sent as
 * metadata is on every log line written while the route runs, and one debug line records the
 * outcome. Without an id (an older host) the route simply runs.
 */
export function serveHttpCall(
  call: { metadata: grpc.Metadata },
  request: WireHttpRequest,
  handle: () => Promise<WireHttpResponse>,
): Promise<WireHttpResponse> {
  const [id] = call.metadata.get(REQUEST_ID_METADATA_KEY);
  if (typeof id !== 'string' || id === '') return timed(request, handle);
  return runWithRequestId(id, () => timed(request, handle));
}

async function timed(request: WireHttpRequest, handle: () => Promise<WireHttpResponse>): Promise<WireHttpResponse> {
  const started = performance.now();
  const response = await handle();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  log.debug({ msg: `${request.method} ${request.path} answered ${response.status_code}`, status: response.status_code, ms });
  return response;
}
