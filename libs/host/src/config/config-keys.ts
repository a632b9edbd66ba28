import { PluginTlsOptions } from '@qntx/plugin-grpc';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_PROBATION_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_SUPERVISION } from './plugin-entry.defaults';
import { SupervisionSettings } from './plugin-entry.interface';
import { PASSED_ENVIRONMENT } from '../supervisor/plugin-environment';

/** One key of am.plugins.toml: what the validators accept, and what the operator's guide says of it. */
export interface ConfigKey {
  key: string;
  type: string;
  default: string;
  meaning: string;
}

/** A supervision key: the settings field it fills, and whether 0 is allowed. */
export interface SupervisionKey extends ConfigKey {
  field: keyof SupervisionSettings;
  zero: boolean;
}

export interface TlsKey extends ConfigKey {
  field: keyof PluginTlsOptions;
}

/** `[host]` */
export const HOST_TABLE_KEYS: readonly ConfigKey[] = [
  {
    key: 'admin_token',
    type: 'string',
    default: 'none',
    meaning:
      'lets non-loopback clients use the management endpoints (`/api/plugins/reload`, `/api/plugins/<name>/reload`, `/upgrade`, `/restart`, `/logs` and `/logs/stream`) with `Authorization: Bearer <token>`; the CLI sends it when it asks a running host to apply a change',
  },
  {
    key: 'api_token',
    type: 'string',
    default: 'none',
    meaning:
      'plugin routes (`/api/<plugin>/...`) and sockets (`/ws/<plugin>/...`) need `Authorization: Bearer <token>`; an access policy the host needs to listen off loopback',
  },
  {
    key: 'public',
    type: 'boolean',
    default: '`false`',
    meaning: 'plugin routes and sockets are open to anyone who reaches the host: the other access policy for listening off loopback',
  },
  {
    key: 'allowed_hosts',
    type: 'array of strings',
    default: '`[]`',
    meaning:
      'host names accepted in the `Host` header besides `localhost`, `*.localhost` and IP addresses (`.example.com` for a domain and its subdomains); `["*"]` accepts any. Others get 403 (DNS rebinding)',
  },
  {
    key: 'max_sockets_per_plugin',
    type: 'integer ≥ 0',
    default: '`1000`',
    meaning:
      'WebSockets open at once to one plugin (`/ws/<plugin>/...`); one more gets 503 with `Retry-After` at the upgrade, naming the limit; `0`: no limit (`HostOptions.webSocket.maxSocketsPerPlugin` overrides it)',
  },
  {
    key: 'max_sockets_per_client',
    type: 'integer ≥ 0',
    default: '`100`',
    meaning:
      'WebSockets open at once from one client address, to all plugins; one more gets 429 at the upgrade, naming the limit; `0`: no limit (`HostOptions.webSocket.maxSocketsPerClient` overrides it). Behind a reverse proxy every client has its address',
  },
];

const ms = (value: number): string => `\`${value}\``;

/** The supervision keys of a `[[plugins]]` entry with `binary` (defaults from plugin-entry.defaults.ts). */
const SUPERVISION: Omit<SupervisionKey, 'type' | 'default'>[] = [
  {
    key: 'start_timeout_ms',
    field: 'startTimeoutMs',
    zero: false,
    meaning: 'launch → handshake → Metadata answering with the configured name',
  },
  {
    key: 'health_interval_ms',
    field: 'healthIntervalMs',
    zero: true,
    meaning: 'time between Health calls; `0` turns polling off',
  },
  { key: 'health_timeout_ms', field: 'healthTimeoutMs', zero: false, meaning: 'deadline of one Health call' },
  {
    key: 'unhealthy_threshold',
    field: 'unhealthyThreshold',
    zero: false,
    meaning: 'unanswered Health calls in a row before a restart',
  },
  {
    key: 'max_restarts',
    field: 'maxRestarts',
    zero: true,
    meaning: 'more restarts than this within the window: `failed`',
  },
  { key: 'restart_window_ms', field: 'restartWindowMs', zero: false, meaning: 'the window of `max_restarts`' },
  {
    key: 'restart_backoff_ms',
    field: 'restartBackoffMs',
    zero: true,
    meaning: 'first restart delay; doubles per recent restart, ±20 % jitter',
  },
  { key: 'restart_backoff_max_ms', field: 'restartBackoffMaxMs', zero: true, meaning: 'the delay never exceeds this' },
  { key: 'shutdown_grace_ms', field: 'shutdownGraceMs', zero: true, meaning: 'after SIGTERM, how long before SIGKILL' },
];
export const SUPERVISION_TABLE_KEYS: readonly SupervisionKey[] = SUPERVISION.map((entry) => ({
  ...entry,
  type: entry.zero ? 'integer ≥ 0' : 'integer ≥ 1',
  default: ms(DEFAULT_SUPERVISION[entry.field]),
}));

/** `[[plugins]]` */
export const PLUGIN_TABLE_KEYS: readonly ConfigKey[] = [
  {
    key: 'name',
    type: 'string',
    default: 'required',
    meaning: "the plugin's name; must equal the name the plugin reports; unique",
  },
  {
    key: 'enabled',
    type: 'bool',
    default: '`true`',
    meaning: '`false` skips the entry (its binary or module is not checked)',
  },
  {
    key: 'address',
    type: '`"host:port"`, or several',
    default: '',
    meaning:
      'connect to a plugin that is already running; several addresses (`["10.0.0.5:9001", "10.0.0.6:9001"]`, or grpc-js\'s `"ipv4:127.0.0.1:9001,127.0.0.1:9002"`), or `"dns:///<name>:<port>"` (every address the name resolves to, resolved again every 30 s: a Kubernetes headless Service) are replicas of one plugin: requests spread over those that answer, one that cannot be reached is left out until its health answers',
  },
  {
    key: 'binary',
    type: 'path',
    default: '',
    meaning: 'launch this executable (or Node script) and supervise it; relative: under `$QNTX_HOME/plugins/`',
  },
  { key: 'args', type: 'array of strings', default: '`[]`', meaning: 'arguments of the launched plugin' },
  { key: 'env', type: 'table of strings', default: '`{}`', meaning: 'extra environment of the launched plugin' },
  {
    key: 'inherit_env',
    type: 'array of names',
    default: '`[]`',
    meaning:
      "variables of the host's environment the launched plugin gets besides the few it always gets (" +
      PASSED_ENVIRONMENT.map((name) => `\`${name}\``).join(', ') +
      ', and the `QNTX_*` ones the host sets for it), e.g. `["AWS_PROFILE"]`; no other variable of the host reaches it',
  },
  {
    key: 'replicas',
    type: 'integer ≥ 1',
    default: '`1`',
    meaning:
      'with `binary`: how many processes to launch and supervise; requests go round robin to those serving, a request that failed on one without an answer is sent once to another (when it had no streamed body and nothing reached the plugin, or is a GET, HEAD or OPTIONS); a WebSocket stays on its process',
  },
  {
    key: 'auto_start',
    type: 'bool',
    default: '`true`',
    meaning: '`false`: launch only on `POST /api/plugins/<name>/restart`',
  },
  {
    key: 'handshake',
    type: 'bool',
    default: '`true`',
    meaning:
      "`false`: the plugin prints no handshake line (one built on QNTX's Go SDK): it is launched with `--port <free loopback port>` after `args` and is ready once Metadata answers there",
  },
  { key: 'builtin', type: 'bool', default: '`false`', meaning: 'run the plugin inside the host' },
  {
    key: 'module',
    type: 'path',
    default: '',
    meaning: "the compiled file exporting the plugin's Nest module (with `builtin`)",
  },
  { key: 'export', type: 'string', default: 'the one `@Module` export', meaning: 'which export of `module` to load' },
  {
    key: 'request_timeout_ms',
    type: 'integer ≥ 1',
    default: ms(DEFAULT_REQUEST_TIMEOUT_MS),
    meaning: 'deadline of each HTTP and command call (504 past it)',
  },
  {
    key: 'max_body_bytes',
    type: 'integer ≥ 1',
    default: '32 MiB',
    meaning:
      'largest body buffered: for a built-in route without `{ stream: true }`, and for a plugin without `HandleHTTPStream`; past it: 413',
  },
  {
    key: 'drain_timeout_ms',
    type: 'integer ≥ 0',
    default: ms(DEFAULT_DRAIN_TIMEOUT_MS),
    meaning:
      'on an upgrade (a new generation, see "Changing plugins while the host runs"), how long the old generation keeps its open WebSockets and unfinished requests; then its sockets are closed with 1012 (service restart) and it is shut down',
  },
  {
    key: 'probation_ms',
    type: 'integer ≥ 0',
    default: ms(DEFAULT_PROBATION_MS),
    meaning:
      'on an upgrade, how long after going live a crash (or failed health checks) of the new generation sends traffic back to the old one, which keeps running until then; `0`: none',
  },
  {
    key: 'tls',
    type: 'table `[plugins.tls]`',
    default: 'plaintext',
    meaning: 'reach `address` over TLS or mutual TLS (below)',
  },
  ...SUPERVISION_TABLE_KEYS,
];

/** `[plugins.tls]` */
export const TLS_TABLE_KEYS: readonly TlsKey[] = [
  {
    key: 'ca',
    field: 'caFile',
    type: 'path',
    default: "the system's CAs",
    meaning: "PEM file of the CA that signed the plugin's certificate",
  },
  {
    key: 'cert',
    field: 'certFile',
    type: 'path',
    default: '',
    meaning: "PEM file of the host's client certificate, for a plugin that requires mutual TLS (with `key`)",
  },
  { key: 'key', field: 'keyFile', type: 'path', default: '', meaning: 'PEM file of the key of `cert`' },
  {
    key: 'server_name',
    field: 'serverName',
    type: 'string',
    default: 'the host part of `address`',
    meaning: "the name to verify in the plugin's certificate",
  },
];
