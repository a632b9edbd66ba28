import { Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DOMAIN_RPC_SERVICE,
  TRACE_CONTEXT_KEYS,
  activeTracer,
  contextFromHeaders,
  rpcAttributes,
  traceContextEntries,
} from '@qntx/plugin-grpc/tracing';
import { wasDelivered } from '../observability/response-delivery';

/** The route every plugin request takes, as OpenTelemetry's `http.route` names it. */
const PLUGIN_ROUTE_TEMPLATE = '/api/:plugin{/*path}';

/**
 * With an OpenTelemetry SDK registered, one plugin request becomes two spans: the host's HTTP
 * server span (a child of the client's `traceparent`, if it sent one) and, under it, the call to
 * the plugin (`protocol.DomainPluginService/HandleHTTP`, a client span). The call's context
 * replaces the request's W3C headers (`traceparent`, `tracestate`, `baggage`), which the host
 * forwards to the plugin like any other header: an SDK plugin continues the trace from them, and
 * so does any plugin that reads W3C headers, a reference one included. Both spans end with the
 * response. Returns the trace id, for the request's log line. Without an SDK, nothing is done.
 */
export function traceRequest(plugin: string, req: IncomingMessage, res: ServerResponse): string | undefined {
  const tracer = activeTracer();
  if (!tracer) return undefined;
  const distinct = req.headersDistinct as Record<string, string[]>;
  const parent = contextFromHeaders(distinct);
  const method = req.method ?? 'GET';
  const server = tracer.startSpan(
    `${method} /api/${plugin}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'http.route': PLUGIN_ROUTE_TEMPLATE, 'url.path': (req.url ?? '/').split('?')[0], 'qntx.plugin': plugin },
    },
    parent,
  );
  const call = tracer.startSpan(
    `${DOMAIN_RPC_SERVICE}/HandleHTTP`,
    { kind: SpanKind.CLIENT, attributes: { ...rpcAttributes('HandleHTTP'), 'qntx.plugin': plugin } },
    trace.setSpan(parent, server),
  );
  const entries = traceContextEntries(trace.setSpan(parent, call));
  for (const key of TRACE_CONTEXT_KEYS) {
    delete req.headers[key];
    delete distinct[key];
  }
  for (const [key, value] of Object.entries(entries)) {
    req.headers[key] = value;
    distinct[key] = [value];
  }
  const end = (): void => {
    const status = wasDelivered(res) ? res.statusCode : 0;
    settle(call, status);
    settle(server, status);
  };
  if (res.closed) end();
  else res.once('close', end);
  return server.spanContext().traceId;
}

function settle(span: Span, status: number): void {
  if (status > 0) span.setAttribute('http.response.status_code', status);
  if (status === 0 || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: status === 0 ? 'the client went away' : undefined });
  span.end();
}
