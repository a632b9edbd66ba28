import { PluginTlsOptions } from '@qntx/plugin-grpc';

/** How the host supervises a plugin it launches (every field has a default, see plugin-entry.defaults.ts). */
export interface SupervisionSettings {
  /** From spawn to a handshake and a Metadata call that names the configured plugin. */
  startTimeoutMs: number;
  /** Time between two Health calls to a running plugin. */
  healthIntervalMs: number;
  /** Deadline of one Health call. */
  healthTimeoutMs: number;
  /** Health calls that fail in a row (no answer) before the plugin is restarted. */
  unhealthyThreshold: number;
  /** More restarts than this within `restartWindowMs` mark the plugin failed. */
  maxRestarts: number;
  restartWindowMs: number;
  /** First restart delay; it doubles with each recent restart, with jitter, up to the maximum. */
  restartBackoffMs: number;
  restartBackoffMaxMs: number;
  /** After SIGTERM, how long the plugin's process group may take to exit before SIGKILL. */
  shutdownGraceMs: number;
}

/** One `[[plugins]]` table of am.plugins.toml, validated, with paths resolved. */
export interface PluginEntry {
  name: string;
  enabled: boolean;
  /** Connect to a plugin that is already running at this "host:port" (the first of `addresses`). */
  address?: string;
  /** Several addresses of one plugin: its replicas, requests spread over those that answer. */
  addresses?: string[];
  /** `address = "dns:///name:port"`: every address the name resolves to is a replica; resolved again every 30 s. */
  dnsName?: { host: string; port: number };
  /** Launch and supervise this executable (an absolute path; `.js`/`.cjs`/`.mjs` run with Node). */
  binary?: string;
  args?: string[];
  /** Extra environment of the launched plugin. */
  env?: Record<string, string>;
  /** Variables of the host's environment the launched plugin gets besides the minimal set (names). */
  inheritEnv?: string[];
  /** With `binary`: how many processes to launch (default 1); requests spread over those that serve. */
  replicas?: number;
  /** With `binary`: launch it when the host starts (default), or only on POST /api/plugins/<name>/restart. */
  autoStart?: boolean;
  /**
   * With `binary`: the plugin prints the handshake line (default). `false`: it does not (QNTX's Go
   * plugins): it is launched with `--port <free port>` and is ready once Metadata answers there.
   */
  handshake?: boolean;
  /** Run the plugin inside the host from its compiled Nest module (`module`, export `exportName`). */
  builtin?: boolean;
  module?: string;
  exportName?: string;
  /** Per-plugin deadline of HTTP and command calls. */
  requestTimeoutMs: number;
  /** Reach `address` over TLS or mutual TLS (the `[plugins.tls]` sub-table); files already resolved. */
  tls?: PluginTlsOptions;
  supervision?: Partial<SupervisionSettings>;
  /** Largest request body buffered for this plugin (routes that do not stream, unary HandleHTTP). */
  maxBodyBytes?: number;
  /** On an upgrade: how long the old generation's open WebSockets may stay before they are closed with 1012. */
  drainTimeoutMs?: number;
  /** On an upgrade: how long after going live a crash of the new generation still returns traffic to the old one. */
  probationMs?: number;
  /** Why the host uses this plugin, for status (`listed in <file>`, `found at <address> ...`). */
  origin?: string;
}
