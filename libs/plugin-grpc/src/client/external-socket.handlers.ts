import { ANY_WEBSOCKET_PATH, WebSocketHandler } from '@qntx/domains';
import { PluginClient } from './plugin-client';
import { SocketStreamClient } from '../websocket/socket-stream.client';

/**
 * An external plugin's sockets: each connection opens its own `HandleWebSocket` stream. The
 * paths come from the plugin's Metadata (`websocket_paths`, our extension); a plugin that does
 * not send them (`declared` null: a reference plugin) gets one catch-all handler, and refuses
 * the paths it does not serve itself, with CLOSE or ERROR on the stream.
 */
export function externalSocketHandlers(
  client: PluginClient,
  plugin: string,
  declared: string[] | null,
): Record<string, WebSocketHandler> {
  const handler: WebSocketHandler = (info, peer) =>
    new SocketStreamClient(client.handleWebSocket(), plugin, peer).start(info);
  const paths = declared ?? [ANY_WEBSOCKET_PATH];
  return Object.fromEntries(paths.map((path) => [path, handler]));
}
