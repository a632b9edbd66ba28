import { NewAttestation } from './attestation-store.interface';
import { InvalidAttestationQueryError } from './errors/invalid-attestation-query.error';

export class InvalidAttestationError extends Error {
  constructor(id: string, detail: string) {
    super(`Attestation "${id}" is invalid: ${detail}`);
    this.name = 'InvalidAttestationError';
  }
}

const REQUIRED = ['id', 'subject', 'predicate', 'actor'] as const;

/** Checks a record and normalizes its timestamp to ISO 8601 UTC, so ordering by text is ordering by time. */
export function validateAttestation(record: NewAttestation): NewAttestation {
  const id = typeof record.id === 'string' ? record.id : '(no id)';
  for (const key of REQUIRED) {
    if (typeof record[key] !== 'string' || record[key] === '') throw new InvalidAttestationError(id, `"${key}" must be a non-empty string`);
  }
  const time = new Date(record.timestamp);
  if (Number.isNaN(time.getTime())) throw new InvalidAttestationError(id, `"timestamp" ${JSON.stringify(record.timestamp)} is not a date`);
  if (record.attributes !== undefined && (typeof record.attributes !== 'object' || record.attributes === null || Array.isArray(record.attributes))) {
    throw new InvalidAttestationError(id, '"attributes" must be an object');
  }
  return { ...record, context: record.context ?? '', timestamp: time.toISOString(), attributes: record.attributes ?? {} };
}

/** A query bound as ISO 8601 UTC, comparable as text with stored timestamps. */
export function normalizeInstant(name: string, value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidAttestationQueryError(name, `must be a date (ISO 8601), got "${value}".`);
  return time.toISOString();
}
