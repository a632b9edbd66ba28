import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpHeaders, PluginHttpResponse } from '@qntx/domains';
import { DEFAULT_MAX_BODY_BYTES, HOST_OPTIONS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { PluginRouteTable } from '../plugins/plugin-route-table';
import { proxyErrorResponse } from './proxy-error.mapping';
import { BodyTooLargeError, readBody } from './request-body.reader';
import { connectionTokens, isHopByHop } from './hop-by-hop';

const VALID_HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALID_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Carries one HTTP request from the host's Express app to a plugin's router and the plugin's
 * answer back, whatever the plugin is. Failures become the design card's JSON errors.
 */
@Injectable()
export class PluginHttpBridge {
  private readonly maxBodyBytes: number;

  constructor(
    private readonly routes: PluginRouteTable,
    @Inject(HOST_OPTIONS) options: HostOptions,
  ) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  async handle(plugin: string, req: Request, res: Response): Promise<void> {
    const router = this.routes.get(plugin);
    const url = req.originalUrl;
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const match = router?.match(req.method, path);
    if (!match) {
      drain(req);
      return sendJson(res, 404, {}, { error: 'Not Found', plugin, message: `No route for ${req.method} ${path}` });
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let response: PluginHttpResponse;
    try {
      const body = await readBody(req, this.maxBodyBytes);
      response = await match.handler({
        method: req.method,
        path,
        relativePath: path.slice(`/api/${plugin}`.length) || '/',
        query,
        headers: forwardedHeaders(req),
        body,
        params: match.params,
        signal: abort.signal,
      });
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return sendJson(res, 413, { connection: 'close' }, { error: 'Payload Too Large', plugin, message: error.message });
      }
      const failure = proxyErrorResponse(plugin, error);
      return sendJson(res, failure.status, failure.headers, failure.body);
    }
    writeResponse(plugin, res, response);
  }
}

/** The client's headers without hop-by-hop ones, plus X-Forwarded-For/-Proto/-Host. */
function forwardedHeaders(req: Request): HttpHeaders {
  const distinct = req.headersDistinct as HttpHeaders;
  const tokens = connectionTokens(distinct.connection);
  const headers: HttpHeaders = {};
  for (const name in distinct) {
    if (!isHopByHop(name, tokens)) headers[name] = distinct[name];
  }
  const remote = req.socket.remoteAddress ?? '';
  const prior = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? [`${prior.join(', ')}, ${remote}`] : [remote];
  headers['x-forwarded-proto'] = [req.protocol];
  if (req.headers.host) headers['x-forwarded-host'] = [req.headers.host];
  return headers;
}

/** Writes the plugin's answer, or a 502 when it is not a valid HTTP response. */
function writeResponse(plugin: string, res: Response, response: PluginHttpResponse): void {
  const problem = validate(response);
  if (problem) {
    return sendJson(res, 502, {}, { error: 'Bad Gateway', plugin, message: `Plugin "${plugin}" sent ${problem}.` });
  }
  const tokens = connectionTokens(response.headers.connection);
  res.status(response.status);
  for (const name in response.headers) {
    if (!isHopByHop(name, tokens) && name !== 'content-length') res.setHeader(name, response.headers[name]);
  }
  const noBody = response.status === 204 || response.status === 304;
  if (noBody) return void res.end();
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

function validate(response: PluginHttpResponse): string | null {
  if (!Number.isInteger(response.status) || response.status < 200 || response.status > 599) {
    return `an invalid status code ${response.status}`;
  }
  for (const name in response.headers) {
    if (!VALID_HEADER_NAME.test(name)) return `an invalid header name ${JSON.stringify(name)}`;
    for (const value of response.headers[name]) {
      if (!VALID_HEADER_VALUE.test(value)) return `an invalid value for header "${name}"`;
    }
  }
  return null;
}

function sendJson(res: Response, status: number, headers: Record<string, string>, body: object): void {
  if (res.headersSent) return void res.destroy();
  const payload = Buffer.from(JSON.stringify(body));
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', payload.length);
  res.end(payload);
}

function drain(req: Request): void {
  if (!req.readableEnded) req.resume();
}
