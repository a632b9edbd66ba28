import * as grpc from '@grpc/grpc-js';
import { HttpException } from '@nestjs/common';

const BY_HTTP_STATUS: Record<number, grpc.status> = {
  400: grpc.status.INVALID_ARGUMENT,
  401: grpc.status.UNAUTHENTICATED,
  403: grpc.status.PERMISSION_DENIED,
  404: grpc.status.NOT_FOUND,
  409: grpc.status.ALREADY_EXISTS,
  412: grpc.status.FAILED_PRECONDITION,
  429: grpc.status.RESOURCE_EXHAUSTED,
  501: grpc.status.UNIMPLEMENTED,
  503: grpc.status.UNAVAILABLE,
  504: grpc.status.DEADLINE_EXCEEDED,
};

/** A thrown error as a gRPC status: Nest HttpExceptions by their status, anything else INTERNAL. */
export function toGrpcError(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof HttpException) {
    return { code: BY_HTTP_STATUS[error.getStatus()] ?? grpc.status.UNKNOWN, details: error.message };
  }
  const details = error instanceof Error ? error.message : String(error);
  return { code: grpc.status.INTERNAL, details };
}
