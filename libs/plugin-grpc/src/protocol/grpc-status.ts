import type * as grpcJs from '@grpc/grpc-js';

/**
 * grpc-js's `status` enum and `ServiceError` type, without loading grpc-js. The lean HTTP/2
 * client and the error mapping import this module as `grpc`, so `grpc.status.UNAVAILABLE` reads
 * as it does with grpc-js, and the CLI's fast path (apps/host/src/cli/fast/), which reaches a
 * plugin with the lean client alone, does not pay the ~70 ms grpc-js takes to load. The codes are
 * the gRPC spec's (grpc-status.spec.ts checks them against grpc-js's enum).
 */
const CODE_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

/** Both directions, as a TypeScript enum has them: `status.INTERNAL === 13`, `status[13] === 'INTERNAL'`. */
function enumTable(): typeof grpcJs.status {
  const table: Record<string | number, string | number> = {};
  CODE_NAMES.forEach((name, code) => {
    table[name] = code;
    table[code] = name;
  });
  return table as unknown as typeof grpcJs.status;
}

export const status = enumTable();
export type status = grpcJs.status;
export type ServiceError = grpcJs.ServiceError;
