export const DOMAINS_MODULE_OPTIONS = 'QNTX:DOMAINS_MODULE_OPTIONS';

/** Names a plugin cannot take: they are the host's own namespaces. */
export const RESERVED_PLUGIN_NAMES: readonly string[] = ['plugins', 'attestations', 'health', 'metrics', 'docs'];

export const DEFAULT_HEALTH_TIMEOUT_MS = 2000;
