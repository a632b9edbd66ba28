import { Readable } from 'node:stream';
import {
  BodyTooLargeError,
  EMPTY_BODY,
  HttpHeaders,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRouter,
  RouteMatch,
  collectBody,
} from '@qntx/domains';
import { WireHttpRequest, WireHttpResponse } from '../protocol/protocol.types';
import { headersFromWire, headersToWire } from '../protocol/protocol.mapping';
import { splitPathAndQuery } from './path-and-query';
import { SpanKind } from '@opentelemetry/api';
import { DOMAIN_RPC_SERVICE, activeTracer, contextFromHeaders, httpAnswered, inSpan, rpcAttributes } from '../tracing';

/** The RPCs an HTTP request reaches a plugin by. */
export type HttpRpc = 'HandleHTTP' | 'HandleHTTPStream' | 'HandleHTTPMultiplex';


/** A request as the handler will see it, with its route (null: no route matched). */
export interface RoutedRequest {
  match: RouteMatch | null;
  request: PluginHttpRequest;
}

/**
 * The plugin side of HTTP, shared by HandleHTTP and HandleHTTPStream: finds the route for a
 * request, builds the request the handler sees, and answers the plugin's own 404 and 413.
 */
export class PluginHttpDispatcher {
  private readonly prefixLength: number;

  constructor(
    private readonly router: PluginRouter,
    private readonly plugin: string,
    /** Largest body buffered for a route that does not stream it. */
    readonly maxBodyBytes: number,
  ) {
    this.prefixLength = `/api/${plugin}`.length;
  }

  route(method: string, fullPath: string, headers: HttpHeaders, signal: AbortSignal): RoutedRequest {
    const { path, query } = splitPathAndQuery(fullPath);
    const match = this.router.match(method, path);
    const request: PluginHttpRequest = {
      method,
      path,
      relativePath: path.slice(this.prefixLength) || '/',
      query,
      headers,
      body: EMPTY_BODY,
      params: match?.params ?? {},
      signal,
    };
    return { match, request };
  }

  notFound(request: PluginHttpRequest): PluginHttpResponse {
    return this.json(404, 'Not Found', `No route for ${request.method} ${request.path}`);
  }

  tooLarge(): PluginHttpResponse {
    const error = new BodyTooLargeError(this.plugin, this.maxBodyBytes, 'Stream it (a route with { stream: true }) or send less.');
    return this.json(413, 'Payload Too Large', error.message);
  }

  /**
   * Runs the route's handler. With an OpenTelemetry SDK registered, inside the plugin's server
   * span for the RPC, whose parent is the trace context in the request's W3C headers (the host
   * puts its call's context there).
   */
  invoke(match: RouteMatch, request: PluginHttpRequest, rpc: HttpRpc): Promise<PluginHttpResponse> {
    const tracer = activeTracer();
    if (!tracer) return match.handler(request);
    const attributes = { ...rpcAttributes(rpc), 'qntx.plugin': this.plugin };
    const parent = contextFromHeaders(request.headers);
    return inSpan(tracer, `${DOMAIN_RPC_SERVICE}/${rpc}`, SpanKind.SERVER, attributes, parent, () => match.handler(request), httpAnswered);
  }

  /** A request whose whole body is at hand, answered by its route's handler (or the plugin's 404). */
  async answer(
    method: string,
    fullPath: string,
    headers: HttpHeaders,
    body: Buffer,
    signal: AbortSignal,
    rpc: HttpRpc = 'HandleHTTP',
  ): Promise<PluginHttpResponse> {
    const { match, request } = this.route(method, fullPath, headers, signal);
    if (!match) return this.notFound(request);
    if (!match.streamBody) request.body = body;
    else if (body.length > 0) request.bodyStream = Readable.from([body], { objectMode: false });
    return this.invoke(match, request, rpc);
  }

  /** HandleHTTP: the whole request in, the whole response out (a streamed answer is gathered). */
  async unary(wire: WireHttpRequest, signal: AbortSignal): Promise<WireHttpResponse> {
    const response = await this.answer(wire.method, wire.path, headersFromWire(wire.headers), wire.body, signal);
    const body = response.bodyStream ? await collectBody(response.bodyStream, this.maxBodyBytes, this.plugin) : response.body;
    return { status_code: response.status, headers: headersToWire(response.headers), body };
  }

  private json(status: number, error: string, message: string): PluginHttpResponse {
    const body = Buffer.from(JSON.stringify({ error, plugin: this.plugin, message }));
    return { status, headers: { 'content-type': ['application/json; charset=utf-8'] }, body };
  }
}
