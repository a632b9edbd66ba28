import {
  Attestation,
  AttestationPage,
  AttestationQuery,
  AttestationStore,
  AttestationWriteResult,
  DEFAULT_ATTESTATION_PAGE,
  MAX_ATTESTATION_PAGE,
  NewAttestation,
} from './attestation-store.interface';
import { decodeCursor, encodeCursor } from './attestation-cursor';
import { normalizeInstant, validateAttestation } from './attestation.validation';

/** The store's semantics in memory: for plugin tests, and as the reference for other stores. */
export class InMemoryAttestationStore implements AttestationStore {
  private readonly records = new Map<string, Attestation>();

  async put(source: string, records: NewAttestation[]): Promise<AttestationWriteResult> {
    let inserted = 0;
    for (const record of records) {
      const normalized = validateAttestation(record);
      if (this.records.has(normalized.id)) continue;
      this.records.set(normalized.id, { ...normalized, source });
      inserted++;
    }
    return { inserted, existing: records.length - inserted };
  }

  async query(query: AttestationQuery): Promise<AttestationPage> {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_ATTESTATION_PAGE, 1), MAX_ATTESTATION_PAGE);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const matching = this.filter(query)
      .filter((r) => !after || r.timestamp > after.timestamp || (r.timestamp === after.timestamp && r.id > after.id))
      .sort((a, b) => (a.timestamp === b.timestamp ? cmp(a.id, b.id) : cmp(a.timestamp, b.timestamp)));
    const records = matching.slice(0, limit);
    const more = matching.length > limit;
    return more ? { records, nextCursor: encodeCursor(records[records.length - 1]) } : { records };
  }

  async count(query: AttestationQuery = {}): Promise<number> {
    return this.filter(query).length;
  }

  async close(): Promise<void> {
    this.records.clear();
  }

  private filter(q: AttestationQuery): Attestation[] {
    const since = q.since === undefined ? undefined : normalizeInstant('since', q.since);
    const until = q.until === undefined ? undefined : normalizeInstant('until', q.until);
    return [...this.records.values()].filter(
      (r) =>
        (q.subject === undefined || r.subject === q.subject) &&
        (q.predicate === undefined || r.predicate === q.predicate) &&
        (q.context === undefined || r.context === q.context) &&
        (q.actor === undefined || r.actor === q.actor) &&
        (q.source === undefined || r.source === q.source) &&
        (since === undefined || r.timestamp >= since) &&
        (until === undefined || r.timestamp < until),
    );
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
