export const PLUGIN_METADATA = 'QNTX:PLUGIN_METADATA';
export const PLUGIN_COMMAND = 'QNTX:PLUGIN_COMMAND';
export const PLUGIN_ROUTE = 'QNTX:PLUGIN_ROUTE';
export const PLUGIN_SOCKET = 'QNTX:PLUGIN_SOCKET';
export const PLUGIN_HOOK = 'QNTX:PLUGIN_HOOK';

/** Default port of a plugin started by hand, as in the guide. */
export const DEFAULT_PLUGIN_PORT = 9000;

/** Environment variables through which a launching host talks to the plugin process. */
export const ENV_PLUGIN_TOKEN = 'QNTX_PLUGIN_TOKEN';
export const ENV_PLUGIN_HANDSHAKE = 'QNTX_PLUGIN_HANDSHAKE';
/** The plugin's gRPC message limit in bytes, to match a host `max_body_bytes` over 63 MiB. */
export const ENV_PLUGIN_MAX_MESSAGE_BYTES = 'QNTX_PLUGIN_MAX_MESSAGE_BYTES';

/** Environment fallbacks of --tls-cert, --tls-key, --tls-client-ca and --health-address. */
export const ENV_PLUGIN_TLS_CERT = 'QNTX_PLUGIN_TLS_CERT';
export const ENV_PLUGIN_TLS_KEY = 'QNTX_PLUGIN_TLS_KEY';
export const ENV_PLUGIN_TLS_CLIENT_CA = 'QNTX_PLUGIN_TLS_CLIENT_CA';
export const ENV_PLUGIN_HEALTH_ADDRESS = 'QNTX_PLUGIN_HEALTH_ADDRESS';

/** gRPC metadata key carrying the per-launch token. */
export const TOKEN_METADATA_KEY = 'x-qntx-plugin-token';

/** gRPC metadata key carrying a plugin's host-services token on its calls back to the host. */
export const HOST_TOKEN_METADATA_KEY = 'x-qntx-host-token';

/** Handshake line printed on stdout: core protocol | app protocol | network | address | protocol. */
export const HANDSHAKE_PREFIX = 'QNTX_PLUGIN';
export const HANDSHAKE_CORE_VERSION = 1;
export const HANDSHAKE_APP_VERSION = 1;

/** Message size limit raised together on both sides, so that nothing in range hits RESOURCE_EXHAUSTED. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Body bytes per HandleHTTPStream frame: the size Node's sockets and file streams read at. */
export const HTTP_STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * HandleHTTPMultiplex: response body bytes a plugin may send on one exchange beyond the host's
 * credit. Part of the wire contract (see proto/domain.proto): both sides must agree on it.
 */
export const HTTP_EXCHANGE_WINDOW = 256 * 1024;
