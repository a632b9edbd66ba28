import { SetMetadata } from '@nestjs/common';
import { PLUGIN_ROUTE } from '../plugin-grpc.constants';
import { HttpMethod, PluginRouteDescription, PluginRouteOptions } from '../interfaces/plugin-options.interface';

/**
 * Declares an HTTP route under `/api/<plugin>`. The method receives a `PluginRequest` and
 * returns what to send: an object (JSON), a string, a Buffer, a `Readable` or async iterable
 * (streamed as produced), a `PluginResponse`, or nothing (204). Nest's `HttpException`s set the
 * status, as in a controller. `{ stream: true }` hands the request body over as a stream
 * (`req.stream()`) instead of reading it whole first.
 *
 * The rest of the settings describe the route in the host's OpenAPI document (`summary`,
 * `params`, `query`, `body`, `responses`); a `body` or `query` given as a class decorated with
 * class-validator is also checked with `ValidationPipe` before the handler runs (400 otherwise).
 */
export function PluginRoute(
  method: HttpMethod,
  path = '',
  settings: PluginRouteDescription & Pick<PluginRouteOptions, 'stream'> = {},
): MethodDecorator {
  const options: PluginRouteOptions = { ...settings, method, path, stream: settings.stream === true };
  return SetMetadata(PLUGIN_ROUTE, options);
}
