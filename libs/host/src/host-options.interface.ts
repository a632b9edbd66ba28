import { AttestationStore, DomainPlugin } from '@qntx/domains';
import { PluginEntry } from './config/plugin-entry.interface';
import { HostWebSocketOptions } from './websocket/websocket-options';

export interface HostOptions {
  /** The config directory ($QNTX_HOME). */
  home: string;
  /** Plugin entries; read from am.plugins.toml when absent (and the default when it is missing). */
  plugins?: PluginEntry[];
  /** Plugins that run inside the host. */
  builtins?: DomainPlugin[];
  /** Settings merged over each plugin's am.<name>.toml (tests, embedding). */
  pluginSettings?: Record<string, Record<string, string>>;
  /** Default largest buffered request body of a plugin without its own `max_body_bytes`. */
  maxBodyBytes?: number;
  /** Overrides `[host] admin_token` of am.plugins.toml. */
  adminToken?: string;
  /** Overrides `[host] api_token`: plugin routes and sockets need `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** Overrides `[host] public`: plugin routes and sockets open to anyone (off loopback, deliberately). */
  public?: boolean;
  /**
   * The address the app will listen on. Off loopback the host refuses to start unless an access
   * policy is configured (`apiToken` / `[host] api_token`, or `public`).
   */
  listenAddress?: string;
  /** Overrides `[host] allowed_hosts`: Host names accepted besides loopback names and IP addresses; "*" for any. */
  allowedHosts?: string[];
  /** Where the default (no am.plugins.toml) looks for a running code plugin; localhost:9000. */
  defaultCodePluginAddress?: string;
  /** How long the default keeps probing that address for a plugin still starting; 3000 ms. */
  defaultCodePluginWaitMs?: number;
  /** Log every proxied request (method, path, status, time, request id) at debug level. */
  accessLog?: boolean;
  /** WebSockets at /ws/<plugin>/<path>: allowed origins, frame limit, backpressure, pings. */
  webSocket?: HostWebSocketOptions;
  /** Default request timeout of a plugin without its own `request_timeout_ms` (built-ins too). */
  requestTimeoutMs?: number;
  /** The attestation store; $QNTX_HOME/attestations.db (SQLite) when absent. Not closed by the host. */
  attestationStore?: AttestationStore;
}
