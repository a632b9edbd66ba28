/** How the host serves WebSockets at `/ws/<plugin>/<path>` (`HostOptions.webSocket`). */
export interface HostWebSocketOptions {
  /**
   * Origins allowed besides the host's own ("https://app.example.com"); "*" allows any. A
   * request with another Origin is refused with 403 at the upgrade (cross-site WebSocket
   * hijacking). Requests without an Origin (non-browser clients) are allowed.
   */
  allowedOrigins?: string[];
  /** Largest frame, either way; a bigger one closes the socket with 1009. Default 1 MiB. */
  maxFrameBytes?: number;
  /**
   * Bytes waiting to reach a client above which the plugin's stream is paused; it resumes once
   * a quarter of that is left. Default 1 MiB.
   */
  highWaterMarkBytes?: number;
  /** Interval of pings to clients; a client that misses one is dropped. Default 30 s; 0 turns it off. */
  pingIntervalMs?: number;
  /** Sockets open at once to one plugin; past it the upgrade gets 503. Default 1000; 0: no limit. */
  maxSocketsPerPlugin?: number;
  /** Sockets open at once from one client address; past it the upgrade gets 429. Default 100; 0: no limit. */
  maxSocketsPerClient?: number;
}

export type ResolvedWebSocketOptions = Required<HostWebSocketOptions>;

/** The options, over `[host]`'s socket limits (`configured`), over the defaults. */
export function resolveWebSocketOptions(
  options: HostWebSocketOptions = {},
  configured: Pick<HostWebSocketOptions, 'maxSocketsPerPlugin' | 'maxSocketsPerClient'> = {},
): ResolvedWebSocketOptions {
  return {
    allowedOrigins: options.allowedOrigins ?? [],
    maxFrameBytes: options.maxFrameBytes ?? 1024 * 1024,
    highWaterMarkBytes: options.highWaterMarkBytes ?? 1024 * 1024,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    maxSocketsPerPlugin: options.maxSocketsPerPlugin ?? configured.maxSocketsPerPlugin ?? 1000,
    maxSocketsPerClient: options.maxSocketsPerClient ?? configured.maxSocketsPerClient ?? 100,
  };
}
