import { SetMetadata } from '@nestjs/common';
import { PLUGIN_ROUTE } from '../plugin-grpc.constants';
import { HttpMethod, PluginRouteOptions } from '../interfaces/plugin-options.interface';

/**
 * Declares an HTTP route under `/api/<plugin>`. The method receives a `PluginRequest` and
 * returns what to send: an object (JSON), a string, a Buffer, a `PluginResponse`, or nothing
 * (204). Nest's `HttpException`s set the status, as in a controller.
 */
export function PluginRoute(method: HttpMethod, path = ''): MethodDecorator {
  const options: PluginRouteOptions = { method, path };
  return SetMetadata(PLUGIN_ROUTE, options);
}
