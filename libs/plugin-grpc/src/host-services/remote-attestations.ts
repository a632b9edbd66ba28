import {
  AttestationFilter,
  AttestationPage,
  AttestationQuery,
  AttestationWriteResult,
  NewAttestation,
  PluginAttestations,
  decodeCursor,
  normalizeInstant,
  validateAttestation,
} from '@qntx/domains';
import { HostServicesClient } from './host-services.client';
import { attestationFromWire, attestationToWire, queryToWire } from './attestation.mapping';

/**
 * The attestation store of the host, over the callback channel. Records and query bounds are
 * checked here first, so a bad record fails with the same error as in a built-in plugin; the
 * host checks them again (and sets the source from the token, whatever the plugin sends).
 */
export class RemoteAttestations implements PluginAttestations {
  constructor(private readonly client: HostServicesClient) {}

  async put(records: NewAttestation[]): Promise<AttestationWriteResult> {
    if (records.length === 0) return { inserted: 0, existing: 0 };
    const wire = records.map((record) => attestationToWire(validateAttestation(record)));
    const result = await this.client.putAttestations({ records: wire });
    return { inserted: result.inserted, existing: result.existing };
  }

  async query(query: AttestationQuery = {}): Promise<AttestationPage> {
    checkQuery(query);
    const page = await this.client.queryAttestations(queryToWire(query));
    const records = page.records.map((record) => attestationFromWire(record, true));
    return page.next_cursor ? { records, nextCursor: page.next_cursor } : { records };
  }

  async count(filter: AttestationFilter = {}): Promise<number> {
    checkQuery(filter);
    const result = await this.client.countAttestations(queryToWire(filter));
    return Number(result.count);
  }
}

function checkQuery(query: AttestationQuery): void {
  if (query.since !== undefined) normalizeInstant('since', query.since);
  if (query.until !== undefined) normalizeInstant('until', query.until);
  if (query.cursor) decodeCursor(query.cursor);
}
