import {
  AttestationFilter,
  AttestationPage,
  AttestationQuery,
  AttestationStore,
  AttestationWriteResult,
  NewAttestation,
} from './attestation-store.interface';
import { PluginAttestations } from './service-registry.interface';

/** One plugin's view of a store: every write carries the plugin's name as its source. */
export class ScopedAttestations implements PluginAttestations {
  constructor(
    private readonly store: AttestationStore,
    private readonly source: string,
  ) {}

  put(records: NewAttestation[]): Promise<AttestationWriteResult> {
    return this.store.put(this.source, records);
  }

  query(query: AttestationQuery = {}): Promise<AttestationPage> {
    return this.store.query(query);
  }

  count(filter: AttestationFilter = {}): Promise<number> {
    return this.store.count(filter);
  }
}
