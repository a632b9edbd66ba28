import * as grpc from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { activeTracer, inSpan, rpcAttributes } from './plugin-spans';
import { DOMAIN_RPC_SERVICE } from './tracing.constants';
import { contextFromMetadata, traceContextEntries } from './trace-propagation';

/**
 * Unary gRPC handlers, each in a server span named `<service>/<method>` (OpenTelemetry's RPC
 * conventions) whose parent is the trace context the caller sent as metadata. Without an SDK
 * registered, the handler runs as it is.
 */
export function tracedUnaryHandlers(service: string, handlers: grpc.UntypedServiceImplementation): grpc.UntypedServiceImplementation {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [method, tracedUnary(service, method, handler as grpc.handleUnaryCall<unknown, unknown>)]),
  );
}

function tracedUnary(service: string, method: string, handler: grpc.handleUnaryCall<unknown, unknown>): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const tracer = activeTracer();
    if (!tracer) return handler(call, callback);
    const parent = contextFromMetadata(call.metadata);
    const span = tracer.startSpan(`${service}/${method}`, { kind: SpanKind.SERVER, attributes: rpcAttributes(method, service) }, parent);
    context.with(trace.setSpan(parent, span), () =>
      handler(call, (error, ...rest) => {
        if (error) {
          span.setAttribute('rpc.grpc.status_code', (error as grpc.ServiceError).code ?? grpc.status.UNKNOWN);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as grpc.ServiceError).details });
        } else span.setAttribute('rpc.grpc.status_code', grpc.status.OK);
        span.end();
        (callback as (...args: unknown[]) => void)(error, ...rest);
      }),
    );
  };
}

/** Runs `fn` in the plugin's server span for a DomainPluginService method, child of the context the caller sent as metadata. */
export function inRpcServerSpan<T>(method: string, metadata: grpc.Metadata, fn: () => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return fn();
  return inSpan(tracer, `${DOMAIN_RPC_SERVICE}/${method}`, SpanKind.SERVER, rpcAttributes(method), contextFromMetadata(metadata), fn);
}

/**
 * Runs a call to a DomainPluginService method in a client span under the active one, with the
 * span's context added to `base` as W3C metadata; `base` as it is when no SDK is registered.
 */
export function inRpcClientSpan<T>(method: string, base: grpc.Metadata, call: (metadata: grpc.Metadata) => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return call(base);
  return inSpan(tracer, `${DOMAIN_RPC_SERVICE}/${method}`, SpanKind.CLIENT, rpcAttributes(method), context.active(), () => {
    const metadata = base.clone();
    for (const [key, value] of Object.entries(traceContextEntries())) metadata.set(key, value);
    return call(metadata);
  });
}
