/** A plugin asked for the attestation store where none is offered (an old host, a bare test). */
export class AttestationStoreUnavailableError extends Error {
  constructor(
    readonly plugin: string,
    readonly reason: string,
  ) {
    super(`The attestation store is not available to plugin "${plugin}": ${reason}.`);
    this.name = 'AttestationStoreUnavailableError';
  }
}
