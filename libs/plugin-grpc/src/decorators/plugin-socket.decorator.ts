import { SetMetadata } from '@nestjs/common';
import { PLUGIN_SOCKET } from '../plugin-grpc.constants';

/** Declares a WebSocket endpoint, served by the host at `/ws/<plugin>/<path>`. */
export function PluginSocket(path: string): MethodDecorator {
  return SetMetadata(PLUGIN_SOCKET, { path: path.replace(/^\/+/, '') });
}
