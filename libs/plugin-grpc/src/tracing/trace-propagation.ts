import { Context, ROOT_CONTEXT, TextMapGetter, TraceFlags, context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import type * as grpc from '@grpc/grpc-js';
import { HttpHeaders } from '@qntx/domains';

/** The W3C headers (and gRPC metadata keys) a trace context travels in. */
export const TRACE_CONTEXT_KEYS = ['traceparent', 'tracestate', 'baggage'] as const;

const headersGetter: TextMapGetter<HttpHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};

const metadataGetter: TextMapGetter<grpc.Metadata> = {
  keys: (carrier) => Object.keys(carrier.getMap()),
  get: (carrier, key) => carrier.get(key.toLowerCase()).map(String),
};

/** The trace context of a request's W3C headers (the root context when it carries none). */
export function contextFromHeaders(headers: HttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headersGetter);
}

/** The trace context of W3C entries with one value each (WebSocket CONNECT and DATA headers). */
export function contextFromEntries(entries: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, entries);
}

/** The trace context a caller sent as gRPC metadata. */
export function contextFromMetadata(metadata: grpc.Metadata): Context {
  return propagation.extract(ROOT_CONTEXT, metadata, metadataGetter);
}

/** The W3C entries of `ctx` (default: the active one), for gRPC metadata or HTTP headers. */
export function traceContextEntries(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The ids of the span being served, for log lines; undefined outside a sampled span. */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return isSpanContextValid(span.spanContext()) && traceFlags & TraceFlags.SAMPLED ? { traceId, spanId } : undefined;
}
