import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, EMPTY_BODY, PluginHttpRequest } from '@qntx/domains';
import { PluginRouteTable } from '../plugins/plugin-route-table';
import { proxyErrorResponse } from './proxy-error.mapping';
import { hasBody, readRequestBody } from './request-body.reader';
import { forwardedHeaders } from './forwarded-headers';
import { PluginHttpLimitTable } from './plugin-http-limits';
import { ClientGoneError, PluginCallScope } from './plugin-call.scope';
import { writePluginResponse } from './plugin-response.writer';
import { sendJsonError } from './json-error.reply';

/**
 * Carries one HTTP request from the host's Express app to a plugin's router and the plugin's
 * answer back, whatever the plugin is. A route that streams its body gets the client's request
 * stream itself; any other route gets the body read whole, up to the plugin's limit. Failures
 * become the design card's JSON errors.
 */
@Injectable()
export class PluginHttpBridge {
  constructor(
    private readonly routes: PluginRouteTable,
    private readonly limits: PluginHttpLimitTable,
  ) {}

  async handle(plugin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const router = this.routes.get(plugin);
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const match = router?.match(method, path);
    if (!match) {
      if (!req.readableEnded) req.resume();
      return sendJsonError(res, 404, {}, { error: 'Not Found', plugin, message: `No route for ${method} ${path}` });
    }
    const limits = this.limits.get(plugin);
    const scope = new PluginCallScope(req, res);
    const uploading = match.streamBody && hasBody(req);
    try {
      const request: PluginHttpRequest = {
        method,
        path,
        relativePath: path.slice(plugin.length + 5) || '/', // after "/api/<plugin>"
        query,
        headers: forwardedHeaders(req),
        body: match.streamBody ? EMPTY_BODY : await readRequestBody(req, limits.maxBodyBytes, plugin),
        bodyStream: uploading ? req : undefined,
        params: match.params,
        signal: scope.signal,
      };
      const response = await scope.awaitHead(match.handler(request), plugin, limits.requestTimeoutMs, uploading);
      await writePluginResponse(plugin, req, res, response);
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      if (error instanceof BodyTooLargeError) {
        const body = { error: 'Payload Too Large', plugin, message: error.message };
        return sendJsonError(res, 413, { connection: 'close' }, body);
      }
      const failure = proxyErrorResponse(plugin, error);
      sendJsonError(res, failure.status, failure.headers, failure.body);
    } finally {
      // A plugin may answer before reading the whole body (a 413, say): read and drop the rest so
      // the connection stays usable for the client's next request.
      if (uploading && !req.readableEnded) req.resume();
    }
  }
}
