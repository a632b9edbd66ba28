import { BadRequestException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { PluginHttpRequest } from '@qntx/domains';
import { PluginRequest } from '../interfaces/plugin-context.interface';
import { StreamedBodyError } from '../errors/streamed-body.error';

/** Adds the conveniences route handlers use to a plain request. */
export function toPluginRequest(request: PluginHttpRequest, streamed: boolean): PluginRequest {
  const text = (): string => {
    if (streamed) throw new StreamedBodyError(request.method, request.path);
    return request.body.toString('utf8');
  };
  let queryParams: URLSearchParams | null = null;
  return {
    ...request,
    // Parsed on first use: most handlers never look at the query.
    get queryParams(): URLSearchParams {
      queryParams ??= new URLSearchParams(request.query);
      return queryParams;
    },
    header: (name) => request.headers[name.toLowerCase()]?.[0],
    text,
    json: <T>() => {
      const body = text();
      try {
        return JSON.parse(body) as T;
      } catch {
        throw new BadRequestException('The request body is not valid JSON.');
      }
    },
    queryObject: <T>() => queryObject(new URLSearchParams(request.query)) as T,
    stream: () => request.bodyStream ?? Readable.from(request.body.length > 0 ? [request.body] : [], { objectMode: false }),
  };
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    object[key] = values.length === 1 ? values[0] : values;
  }
  return object;
}
