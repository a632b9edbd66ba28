import { SetMetadata } from '@nestjs/common';
import { PLUGIN_ROUTE } from '../plugin-grpc.constants';
import { HttpMethod, PluginRouteOptions } from '../interfaces/plugin-options.interface';

/**
 * Declares an HTTP route under `/api/<plugin>`. The method receives a `PluginRequest` and
 * returns what to send: an object (JSON), a string, a Buffer, a `Readable` or async iterable
 * (streamed as produced), a `PluginResponse`, or nothing (204). Nest's `HttpException`s set the
 * status, as in a controller. `{ stream: true }` hands the request body over as a stream
 * (`req.stream()`) instead of reading it whole first.
 */
export function PluginRoute(method: HttpMethod, path = '', settings: Pick<PluginRouteOptions, 'stream'> = {}): MethodDecorator {
  const options: PluginRouteOptions = { method, path, stream: settings.stream === true };
  return SetMetadata(PLUGIN_ROUTE, options);
}
