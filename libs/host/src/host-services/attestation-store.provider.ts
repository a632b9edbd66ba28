import { Provider } from '@nestjs/common';
import { AttestationStore } from '@qntx/domains';
import { HOST_OPTIONS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { SqliteAttestationStore } from '../attestations/sqlite-attestation-store';
import { attestationsFile } from '../attestations/attestations-file';
import { ATTESTATION_STORE } from './host-services.constants';

/** The store the host offers plugins and serves at /api/attestations; closed by HostServicesEndpoint. */
export const attestationStoreProvider: Provider = {
  provide: ATTESTATION_STORE,
  inject: [HOST_OPTIONS],
  useFactory: (options: HostOptions): AttestationStore =>
    options.attestationStore ?? new SqliteAttestationStore(attestationsFile(options.home)),
};
