// The status codes without loading grpc-js (see grpc-status.ts): the CLI's fast path uses this client.
import * as grpc from '../../protocol/grpc-status';
import { constants as h2 } from 'node:http2';

/** A failed call, shaped like grpc-js's ServiceError so the same error mapping serves both clients. */
export class GrpcCallStatusError extends Error implements Partial<grpc.ServiceError> {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(`${code} ${grpc.status[code] ?? ''}: ${details}`);
    this.name = 'GrpcCallStatusError';
  }
}

/** The status an HTTP/2 stream reset stands for (gRPC over HTTP/2 spec, "Errors"). */
export function statusForRstCode(code: number): grpc.status {
  switch (code) {
    case h2.NGHTTP2_REFUSED_STREAM:
      return grpc.status.UNAVAILABLE;
    case h2.NGHTTP2_CANCEL:
      return grpc.status.CANCELLED;
    case h2.NGHTTP2_ENHANCE_YOUR_CALM:
      return grpc.status.RESOURCE_EXHAUSTED;
    case h2.NGHTTP2_INADEQUATE_SECURITY:
      return grpc.status.PERMISSION_DENIED;
    default:
      return grpc.status.INTERNAL;
  }
}

/** The grpc-status / grpc-message of response trailers (or of a trailers-only response). */
export function statusFromHeaders(headers: Record<string, unknown>): { code: grpc.status; details: string } | null {
  const raw = headers['grpc-status'];
  if (raw === undefined) return null;
  const code = Number(raw);
  const message = headers['grpc-message'];
  let details = typeof message === 'string' ? message : '';
  if (details.includes('%')) {
    try {
      details = decodeURIComponent(details);
    } catch {
      // keep it as sent
    }
  }
  return { code: Number.isInteger(code) ? code : grpc.status.UNKNOWN, details };
}
