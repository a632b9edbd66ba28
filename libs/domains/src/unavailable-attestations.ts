import { AttestationPage, AttestationWriteResult } from './attestation-store.interface';
import { PluginAttestations } from './service-registry.interface';
import { AttestationStoreUnavailableError } from './errors/attestation-store-unavailable.error';

/** Attestations where there is no store: every call fails with a message that says why. */
export class UnavailableAttestations implements PluginAttestations {
  constructor(
    private readonly plugin: string,
    private readonly reason: string,
  ) {}

  async put(): Promise<AttestationWriteResult> {
    throw new AttestationStoreUnavailableError(this.plugin, this.reason);
  }

  async query(): Promise<AttestationPage> {
    throw new AttestationStoreUnavailableError(this.plugin, this.reason);
  }

  async count(): Promise<number> {
    throw new AttestationStoreUnavailableError(this.plugin, this.reason);
  }
}
