import type { IncomingMessage } from 'node:http';
import { HostConfig } from '../config/host-config.interface';
import { isHostAllowed, hostRefusal } from './allowed-hosts';
import { bearerToken, isLoopback, sameSecret } from './management-access';

export interface AccessRefusal {
  /** 403 for a foreign Host, 401 for a missing or wrong token. */
  status: 401 | 403;
  message: string;
}

/**
 * Who may use plugin routes and sockets: requests for this host's names only (see
 * allowed-hosts.ts), and with `[host] api_token` set, only those that present it. Null when
 * allowed, else why not.
 */
export function pluginAccessRefusal(req: IncomingMessage, config: HostConfig): AccessRefusal | null {
  if (!isHostAllowed(req.headers.host, config.allowedHosts ?? [])) return { status: 403, message: hostRefusal(req.headers.host!) };
  if (!config.apiToken) return null;
  const presented = bearerToken(req.headers.authorization);
  if (presented !== undefined && sameSecret(presented, config.apiToken)) return null;
  return { status: 401, message: 'Plugin routes and sockets need the API token: send "Authorization: Bearer <api_token>".' };
}

/**
 * Refuses to serve plugins off loopback without an access policy: anyone on the network would
 * otherwise read the workspace through /api/code. Returns the reason, or null.
 */
export function listenRefusal(bindAddress: string, config: HostConfig): string | null {
  if (bindAddress === 'localhost' || isLoopback(bindAddress)) return null;
  if (config.apiToken || config.public) return null;
  return (
    `The host would listen on ${bindAddress} with plugin routes open to anyone who reaches it. ` +
    `Set [host] api_token (clients send "Authorization: Bearer <token>") or [host] public = true in ${config.file}, ` +
    'or listen on 127.0.0.1.'
  );
}
