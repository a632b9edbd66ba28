import type * as grpc from '@grpc/grpc-js';
import type { Http2Server, Http2Session } from 'node:http2';

/**
 * HTTP/2 receive window of the plugin's gRPC server, per stream and per connection. grpc-js's
 * server leaves both at the protocol's 65,535 bytes (it has no option for them, unlike its
 * client's `grpc-node.flow_control_window`), so the host could never have more than one 64 KiB
 * body frame in flight towards the plugin: every frame waited a WINDOW_UPDATE round trip, and
 * an upload through the host stalled far below what either process could move. The window only
 * bounds what the plugin may have to hold before reading: its handler still paces the sender.
 */
export const SERVER_STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
export const SERVER_CONNECTION_WINDOW_BYTES = 16 * 1024 * 1024;

interface Http2ServerEntry {
  sessions?: Set<Http2Session>;
}

/**
 * Widens the receive windows of every connection the bound grpc-js server accepts. grpc-js keeps
 * its Node HTTP/2 servers in a private map: when a version no longer has it, this does nothing
 * and the server keeps the default windows (slower uploads, nothing else changes).
 */
export function widenReceiveWindows(server: grpc.Server): void {
  const servers = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(servers instanceof Map)) return;
  for (const [http2Server, entry] of servers as Map<Http2Server, Http2ServerEntry>) {
    if (typeof http2Server?.on !== 'function') continue;
    http2Server.on('session', widen);
    entry?.sessions?.forEach(widen);
  }
}

function widen(session: Http2Session): void {
  if (session.destroyed || session.closed) return;
  try {
    // New streams get the larger window from this SETTINGS frame, and open ones grow by the difference.
    session.settings({ initialWindowSize: SERVER_STREAM_WINDOW_BYTES });
    session.setLocalWindowSize(SERVER_CONNECTION_WINDOW_BYTES);
  } catch {
    // A session torn down meanwhile: nothing to widen.
  }
}
