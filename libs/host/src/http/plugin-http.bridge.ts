import { Inject, Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { BodyTooLargeError, EMPTY_BODY, HttpHeaders, PluginHttpRequest } from '@qntx/domains';
import { PluginRouteTable } from '../plugins/plugin-route-table';
import { proxyErrorResponse } from './proxy-error.mapping';
import { hasBody, readRequestBody } from './request-body.reader';
import { forwardedHeaders } from './forwarded-headers';
import { PluginHttpLimitTable } from './plugin-http-limits';
import { ClientGoneError, PluginCallScope } from './plugin-call.scope';
import { writePluginResponse } from './plugin-response.writer';
import { PluginHttpException } from './plugin-http.exception';
import { parsedBodyOf } from './parsed-body';
import { RawExchange } from './raw-exchange';
import { PLUGIN_PIPELINE } from '../pipeline/plugin-pipeline.constants';
import { PluginPipelineOptions } from '../pipeline/plugin-pipeline.options';

/** A request as the bridge hands it to a plugin's router: its signal is made only if the plugin asks. */
class BridgedRequest implements PluginHttpRequest {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly relativePath: string,
    readonly query: string,
    readonly headers: HttpHeaders,
    readonly body: Buffer,
    readonly bodyStream: Readable | undefined,
    readonly params: Record<string, string>,
    private readonly scope: PluginCallScope,
  ) {}

  get signal(): AbortSignal {
    return this.scope.signal;
  }

}

/**
 * Carries one HTTP request from the host's plugin controller to a plugin's router and the
 * plugin's answer back, whatever the plugin is. A route that streams its body gets the client's
 * request stream itself; any other route gets the body read whole, up to the plugin's limit.
 * A failure before the response head is thrown as a PluginHttpException (the design card's JSON
 * error, through the app's exception filters); after it, the connection is cut.
 */
@Injectable()
export class PluginHttpBridge {
  constructor(
    private readonly routes: PluginRouteTable,
    private readonly limits: PluginHttpLimitTable,
    @Inject(PLUGIN_PIPELINE) private readonly pipeline: PluginPipelineOptions,
  ) {}

  /**
   * `url` is the request's URL from `/api/<plugin>` on: the app's global prefix or version
   * segment, if any, already taken off, so a plugin sees the same path however it is mounted.
   */
  async handle(plugin: string, url: string, exchange: RawExchange): Promise<void> {
    const { req, res } = exchange;
    const router = this.routes.get(plugin);
    const method = req.method ?? 'GET';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
    if (!router) throw new PluginHttpException(404, { error: 'Not Found', plugin, message: `No plugin named "${plugin}" is registered.` });
    const match = router.match(method, path);
    if (!match) {
      if (!req.readableEnded) req.resume();
      throw new PluginHttpException(404, { error: 'Not Found', plugin, message: `No route for ${method} ${path}` });
    }
    const limits = this.limits.get(plugin);
    const scope = new PluginCallScope(req, res);
    // An app with its body parser on has read JSON and form bodies already (see parsed-body.ts).
    const parsed = parsedBodyOf(exchange.parsed, req.headers['content-type'], plugin);
    const uploading = parsed === undefined && match.streamBody && hasBody(req);
    try {
      const request = new BridgedRequest(
        method,
        path,
        path.slice(plugin.length + 5) || '/', // after "/api/<plugin>"
        query,
        forwardedHeaders(req),
        // No await for a request without a body (most GETs): no extra turn of the event loop.
        parsed ?? (match.streamBody || !hasBody(req) ? EMPTY_BODY : await readRequestBody(req, limits.maxBodyBytes, plugin)),
        uploading ? req : undefined,
        match.params,
        scope,
      );
      const response = await scope.awaitHead(match.handler(request), plugin, limits.requestTimeoutMs, uploading);
      await writePluginResponse(plugin, exchange, response, this.pipeline.plugins?.[plugin]?.sameOriginPages !== true);
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      if (error instanceof PluginHttpException) throw this.withHeaders(res, error);
      if (error instanceof BodyTooLargeError) {
        const body = { error: 'Payload Too Large', plugin, message: error.message };
        throw this.withHeaders(res, new PluginHttpException(413, body, { connection: 'close' }));
      }
      const failure = proxyErrorResponse(plugin, error);
      throw this.withHeaders(res, new PluginHttpException(failure.status, failure.body, failure.headers));
    } finally {
      // A plugin may answer before reading the whole body (a 413, say): read and drop the rest so
      // the connection stays usable for the client's next request.
      if (uploading && !req.readableEnded) req.resume();
    }
  }

  /**
   * The error's headers go on the response now, so they stay whichever exception filter writes
   * the body. Once the head is out (a streamed body broke half-way), the only honest signal left
   * is to cut the connection, and Nest's filters then only end the response.
   */
  private withHeaders(res: ServerResponse, error: PluginHttpException): PluginHttpException {
    if (res.headersSent) res.destroy();
    else for (const name in error.headers) res.setHeader(name, error.headers[name]);
    return error;
  }
}
