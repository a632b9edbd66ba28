import { Context, ProxyTracerProvider, Span, SpanKind, SpanStatusCode, Tracer, context, trace } from '@opentelemetry/api';
import { PluginHttpResponse } from '@qntx/domains';
import { DOMAIN_RPC_SERVICE, TRACER_NAME } from './tracing.constants';

/**
 * The tracer, or undefined while no OpenTelemetry SDK is registered: then no span is made and
 * no context is read, so tracing that is off costs a property read per request.
 */
export function activeTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider();
  return provider instanceof ProxyTracerProvider ? provider.getDelegateTracer(TRACER_NAME) : provider.getTracer(TRACER_NAME);
}

/** RPC span attributes (OpenTelemetry's RPC conventions) for a method of proto/domain.proto. */
export function rpcAttributes(method: string, service = DOMAIN_RPC_SERVICE): Record<string, string> {
  return { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
}

/**
 * Runs `fn` inside a new span (child of `parent`), active while it runs; the span ends when the
 * promise settles, marked as an error when it rejects or `failed` says so.
 */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  parent: Context,
  fn: (span: Span) => Promise<T>,
  failed: (result: T, span: Span) => boolean = () => false,
): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  try {
    const result = await context.with(trace.setSpan(parent, span), () => fn(span));
    if (failed(result, span)) span.setStatus({ code: SpanStatusCode.ERROR });
    return result;
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/** Records an HTTP answer on its span: the status code, and an error from 500 up. */
export function httpAnswered(response: PluginHttpResponse, span: Span): boolean {
  span.setAttribute('http.response.status_code', response.status);
  return response.status >= 500;
}
