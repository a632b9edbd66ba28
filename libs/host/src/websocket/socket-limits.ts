import { JsonErrorBody } from '../http/json-error.reply';

export interface SocketLimitSettings {
  maxSocketsPerPlugin: number;
  maxSocketsPerClient: number;
}

/** How an upgrade past a limit is answered. */
export interface SocketLimitRefusal {
  status: number;
  body: JsonErrorBody;
  headers: Record<string, string>;
}

/**
 * The WebSockets open now, per plugin and per client address, against the host's limits (0: no
 * limit). One client past its own limit gets 429; any client past the plugin's gets 503, as for a
 * plugin that cannot take more. Either way the answer names the limit and the setting.
 */
export class SocketLimits {
  private readonly perPlugin = new Map<string, number>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly settings: SocketLimitSettings) {}

  /** Why one more socket to `plugin` from `client` is refused, or null when it may open. */
  refusal(plugin: string, client: string): SocketLimitRefusal | null {
    const { maxSocketsPerPlugin, maxSocketsPerClient } = this.settings;
    if (maxSocketsPerClient > 0 && (this.perClient.get(client) ?? 0) >= maxSocketsPerClient) {
      const message =
        `${client} has ${maxSocketsPerClient} WebSockets open on this host, the most one client may ` +
        '([host] max_sockets_per_client, HostOptions.webSocket.maxSocketsPerClient); close one first.';
      return { status: 429, body: { error: 'Too Many Requests', plugin, message }, headers: { 'Retry-After': '1' } };
    }
    if (maxSocketsPerPlugin > 0 && (this.perPlugin.get(plugin) ?? 0) >= maxSocketsPerPlugin) {
      const message =
        `Plugin "${plugin}" has ${maxSocketsPerPlugin} WebSockets open, the most one plugin may ` +
        '([host] max_sockets_per_plugin, HostOptions.webSocket.maxSocketsPerPlugin); try again later.';
      return { status: 503, body: { error: 'Service Unavailable', plugin, message }, headers: { 'Retry-After': '5' } };
    }
    return null;
  }

  /** Counts a socket that opened; the function returned uncounts it, once. */
  opened(plugin: string, client: string): () => void {
    bump(this.perPlugin, plugin, 1);
    bump(this.perClient, client, 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      bump(this.perPlugin, plugin, -1);
      bump(this.perClient, client, -1);
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
