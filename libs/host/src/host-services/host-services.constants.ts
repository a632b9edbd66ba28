/** The host's AttestationStore (SQLite in $QNTX_HOME unless HostOptions.attestationStore is given). */
export const ATTESTATION_STORE = 'QNTX:ATTESTATION_STORE';

/** The ServiceRegistry handed to every plugin. */
export const HOST_SERVICES = 'QNTX:HOST_SERVICES';

/** Each plugin's settings, read from its am.<name>.toml when the host module was created. */
export const HOST_PLUGIN_SETTINGS = 'QNTX:HOST_PLUGIN_SETTINGS';
