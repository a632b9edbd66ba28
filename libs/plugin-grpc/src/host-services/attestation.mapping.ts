import { ATTESTATION_FILTERS, Attestation, AttestationQuery, InvalidAttestationError, NewAttestation } from '@qntx/domains';
import { WireAttestation, WireAttestationQuery } from './host-services.types';

const FILTERS = ATTESTATION_FILTERS;

export function attestationToWire(record: NewAttestation | Attestation): WireAttestation {
  return {
    id: record.id,
    subject: record.subject,
    predicate: record.predicate,
    context: record.context ?? '',
    actor: record.actor,
    timestamp: record.timestamp,
    attributes_json: record.attributes === undefined ? '' : JSON.stringify(record.attributes),
    source: 'source' in record && record.source ? record.source : '',
  };
}

/**
 * A wire record as an attestation; `withSource` keeps the source the host set (reads only; on
 * writes the source comes from the caller's token). Attributes that are not a JSON object are
 * refused with the record's id.
 */
export function attestationFromWire(wire: WireAttestation, withSource: boolean): Attestation {
  const record: Attestation = {
    id: wire.id,
    subject: wire.subject,
    predicate: wire.predicate,
    context: wire.context,
    actor: wire.actor,
    timestamp: wire.timestamp,
    attributes: parseAttributes(wire),
  };
  if (withSource) record.source = wire.source;
  return record;
}

export function queryToWire(query: AttestationQuery): WireAttestationQuery {
  const wire: WireAttestationQuery = { limit: query.limit ?? 0, cursor: query.cursor ?? '' };
  for (const key of FILTERS) if (query[key] !== undefined) wire[key] = query[key];
  return wire;
}

export function queryFromWire(wire: WireAttestationQuery): AttestationQuery {
  const query: AttestationQuery = {};
  for (const key of FILTERS) if (wire[key] !== undefined && wire[key] !== null) query[key] = wire[key];
  if (wire.limit) query.limit = wire.limit;
  if (wire.cursor) query.cursor = wire.cursor;
  return query;
}

function parseAttributes(wire: WireAttestation): Record<string, unknown> {
  if (!wire.attributes_json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(wire.attributes_json);
  } catch {
    throw new InvalidAttestationError(wire.id || '(no id)', '"attributes_json" is not JSON');
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  throw new InvalidAttestationError(wire.id || '(no id)', '"attributes_json" must hold a JSON object');
}
