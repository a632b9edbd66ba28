import { Logger } from '@nestjs/common';
import { WebSocketHandler, messageOf } from '@qntx/domains';
import { BoundHandler } from '../interfaces/plugin-definition.interface';
import { PluginSocketConnectionImpl } from './plugin-socket.connection';
import { DuplicateSocketPathError } from '../errors/duplicate-socket-path.error';

/**
 * The `@PluginSocket` methods of a plugin as `WebSocketHandler`s. The method runs after the
 * session is handed back, so it can close or send at once; whatever it throws or rejects with
 * closes its connection with 1011 and nothing else.
 */
export function decoratedSocketHandlers(
  plugin: string,
  sockets: { path: string; handler: BoundHandler }[],
): Record<string, WebSocketHandler> {
  const log = new Logger(`PluginSocket:${plugin}`);
  const handlers: Record<string, WebSocketHandler> = {};
  for (const { path, handler } of sockets) {
    if (path in handlers) throw new DuplicateSocketPathError(plugin, path);
    handlers[path] = (info, client) => {
      const connection = new PluginSocketConnectionImpl(info, client);
      Promise.resolve()
        .then(() => handler(connection))
        .catch((error: unknown) => {
          log.warn(`Socket "${path}" handler failed: ${messageOf(error)}`);
          connection.fail(error);
        });
      return connection.session;
    };
  }
  return handlers;
}
