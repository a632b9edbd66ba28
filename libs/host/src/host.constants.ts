/** The host's version, checked against plugins' `qntxVersion` ranges (kept equal to package.json's). */
export const HOST_VERSION = '0.1.0';

export const DEFAULT_HOST_PORT = 8787;
export const DEFAULT_HOST_ADDRESS = '127.0.0.1';

/** Without am.plugins.toml, a code plugin answering here is used; otherwise the bundled one is launched. */
export const DEFAULT_CODE_PLUGIN_ADDRESS = 'localhost:9000';

/** How long the host keeps probing that address for a code plugin that is still starting. */
export const DEFAULT_CODE_PLUGIN_WAIT_MS = 3_000;

/** Largest request body the host buffers for a plugin (routes that do not stream, the unary path). */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** How long a plugin may take to answer an HTTP request (its response head) or a command. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export const LOADED_PLUGINS = 'QNTX:LOADED_PLUGINS';
export const HOST_OPTIONS = 'QNTX:HOST_OPTIONS';
/** The host's configuration (HostConfig): am.plugins.toml or the entries given in code. */
export const HOST_CONFIG = 'QNTX:HOST_CONFIG';
/** Everything loadHostPlugins read and started (HostPlugins), before the plugins are registered. */
export const HOST_PLUGINS = 'QNTX:HOST_PLUGINS';
