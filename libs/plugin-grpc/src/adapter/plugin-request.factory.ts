import { BadRequestException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { HttpHeaders, PluginHttpRequest } from '@qntx/domains';
import { PluginRequest } from '../interfaces/plugin-context.interface';
import { StreamedBodyError } from '../errors/streamed-body.error';

/**
 * A request as route handlers see it. A class, not an object literal with closures and a getter:
 * one is made per request, and a class keeps its shape and its methods on the prototype.
 */
class RouteRequest implements PluginRequest {
  readonly method: string;
  readonly path: string;
  readonly relativePath: string;
  readonly query: string;
  readonly headers: HttpHeaders;
  readonly body: Buffer;
  readonly bodyStream: Readable | undefined;
  readonly params: Record<string, string>;
  private parsedQuery: URLSearchParams | null = null;

  constructor(
    private readonly source: PluginHttpRequest,
    private readonly streamed: boolean,
  ) {
    const request = source;
    this.method = request.method;
    this.path = request.path;
    this.relativePath = request.relativePath;
    this.query = request.query;
    this.headers = request.headers;
    this.body = request.body;
    this.bodyStream = request.bodyStream;
    this.params = request.params;
  }

  /** Read through: the host makes a request's signal only when a handler asks for it. */
  get signal(): AbortSignal | undefined {
    return this.source.signal;
  }

  /** Parsed on first use: most handlers never look at the query. */
  get queryParams(): URLSearchParams {
    this.parsedQuery ??= new URLSearchParams(this.query);
    return this.parsedQuery;
  }

  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()]?.[0];
  }

  text(): string {
    if (this.streamed) throw new StreamedBodyError(this.method, this.path);
    return this.body.toString('utf8');
  }

  json<T>(): T {
    const body = this.text();
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new BadRequestException('The request body is not valid JSON.');
    }
  }

  queryObject<T>(): T {
    return queryObject(new URLSearchParams(this.query)) as T;
  }

  stream(): Readable {
    return this.bodyStream ?? Readable.from(this.body.length > 0 ? [this.body] : [], { objectMode: false });
  }
}

/** Adds the conveniences route handlers use to a plain request. */
export function toPluginRequest(request: PluginHttpRequest, streamed: boolean): PluginRequest {
  return new RouteRequest(request, streamed);
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    object[key] = values.length === 1 ? values[0] : values;
  }
  return object;
}
