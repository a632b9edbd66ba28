// The status codes without loading grpc-js (see grpc-status.ts): the CLI's fast path maps errors here.
import * as grpc from '../protocol/grpc-status';
import { PluginCallError, PluginTimeoutError, PluginUnavailableError } from '@qntx/domains/lean';

function isServiceError(error: unknown): error is grpc.ServiceError {
  return typeof error === 'object' && error !== null && 'code' in error && 'details' in error;
}

/** A failed gRPC call as the host's transport-neutral plugin errors (→ 503, 504, 502). */
export function toPluginCallError(plugin: string, address: string, timeoutMs: number, error: unknown): Error {
  if (!isServiceError(error)) return new PluginCallError(plugin, String(error));
  switch (error.code) {
    case grpc.status.UNAVAILABLE:
      return new PluginUnavailableError(plugin, `cannot reach ${address} (${error.details})`);
    case grpc.status.DEADLINE_EXCEEDED:
      return new PluginTimeoutError(plugin, timeoutMs);
    case grpc.status.CANCELLED:
      return new PluginCallError(plugin, 'call cancelled');
    default:
      return new PluginCallError(plugin, `${grpc.status[error.code] ?? error.code}: ${error.details}`);
  }
}
