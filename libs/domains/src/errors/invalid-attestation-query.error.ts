/** A query parameter of the attestation store that does not parse: names the parameter. */
export class InvalidAttestationQueryError extends Error {
  constructor(
    readonly param: string,
    readonly detail: string,
  ) {
    super(`"${param}" ${detail}`);
    this.name = 'InvalidAttestationQueryError';
  }
}
