import { existsSync } from 'node:fs';
import { AttestationPage, AttestationQuery } from '@qntx/domains';
import { SqliteAttestationStore } from '@qntx/host/attestations/sqlite-attestation-store';
import { attestationsFile } from '@qntx/host/attestations/attestations-file';

/**
 * Reads a page (or, with `all`, every page) from $QNTX_HOME/attestations.db. A home without the
 * file has no attestations yet: an empty page, and no file created by reading.
 */
export async function readAttestations(home: string, query: AttestationQuery, all: boolean): Promise<AttestationPage> {
  const file = attestationsFile(home);
  if (!existsSync(file)) return { records: [] };
  const store = new SqliteAttestationStore(file);
  try {
    if (!all) return await store.query(query);
    const records = [];
    let cursor = query.cursor;
    do {
      const page = await store.query({ ...query, cursor, limit: query.limit ?? 1000 });
      records.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    return { records };
  } finally {
    await store.close();
  }
}
