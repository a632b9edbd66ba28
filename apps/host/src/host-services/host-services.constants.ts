/** The host's AttestationStore (SQLite in $QNTX_HOME unless HostOptions.attestationStore is given). */
export const ATTESTATION_STORE = 'QNTX:ATTESTATION_STORE';
