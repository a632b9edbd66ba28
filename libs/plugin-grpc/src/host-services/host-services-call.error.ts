import * as grpc from '@grpc/grpc-js';

/** A call back to the host that failed; `code` is the gRPC status (UNAUTHENTICATED, INVALID_ARGUMENT...). */
export class HostServicesCallError extends Error {
  readonly code: grpc.status;

  constructor(method: string, address: string, error: grpc.ServiceError) {
    const hint =
      error.code === grpc.status.UNAUTHENTICATED
        ? ' (the host does not know this plugin\'s token: was the plugin initialized by this host?)'
        : error.code === grpc.status.UNAVAILABLE
          ? ' (is the host still running?)'
          : '';
    super(`Host services ${method} at ${address} failed: ${grpc.status[error.code] ?? error.code}: ${error.details}${hint}`);
    this.name = 'HostServicesCallError';
    this.code = error.code;
  }
}
