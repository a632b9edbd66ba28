import { BadRequestException } from '@nestjs/common';
import { PluginHttpRequest } from '@qntx/domains';
import { PluginRequest } from '../interfaces/plugin-context.interface';

/** Adds the conveniences route handlers use to a plain request. */
export function toPluginRequest(request: PluginHttpRequest): PluginRequest {
  return {
    ...request,
    queryParams: new URLSearchParams(request.query),
    header: (name) => request.headers[name.toLowerCase()]?.[0],
    text: () => request.body.toString('utf8'),
    json: <T>() => {
      try {
        return JSON.parse(request.body.toString('utf8')) as T;
      } catch {
        throw new BadRequestException('The request body is not valid JSON.');
      }
    },
  };
}
