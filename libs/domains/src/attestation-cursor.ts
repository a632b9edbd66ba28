import { Attestation } from './attestation-store.interface';
import { InvalidAttestationQueryError } from './errors/invalid-attestation-query.error';

/** Keyset paging position: records are ordered by (timestamp, id), so pages never skip or repeat. */
export interface AttestationCursor {
  timestamp: string;
  id: string;
}

export function encodeCursor(last: Pick<Attestation, 'timestamp' | 'id'>): string {
  return Buffer.from(JSON.stringify([last.timestamp, last.id])).toString('base64url');
}

export function decodeCursor(cursor: string): AttestationCursor {
  try {
    const [timestamp, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof timestamp !== 'string' || typeof id !== 'string') throw new Error('shape');
    return { timestamp, id };
  } catch {
    throw new InvalidAttestationQueryError('cursor', `"${cursor}" is not a cursor: pass the nextCursor of a previous page unchanged.`);
  }
}
