import {
  ATTESTATION_FILTERS,
  ATTESTATION_TEXT_FILTERS,
  AttestationQuery,
  InvalidAttestationQueryError,
  MAX_ATTESTATION_PAGE,
  decodeCursor,
  normalizeInstant,
} from '@qntx/domains';

const TEXT_PARAMS = ATTESTATION_TEXT_FILTERS;
export const ATTESTATION_QUERY_PARAMS: readonly string[] = [...ATTESTATION_FILTERS, 'limit', 'cursor'];

/**
 * Query parameters (of GET /api/attestations, or the CLI's flags) as an AttestationQuery. Every
 * problem is an InvalidAttestationQueryError naming the parameter: an unknown one, one given
 * twice, a date that does not parse, a limit out of range, a cursor that is not one.
 */
export function parseAttestationQuery(params: Record<string, unknown>): AttestationQuery {
  const query: AttestationQuery = {};
  for (const [name, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    if (!ATTESTATION_QUERY_PARAMS.includes(name)) {
      throw new InvalidAttestationQueryError(name, `is not a parameter; use ${ATTESTATION_QUERY_PARAMS.join(', ')}.`);
    }
    if (typeof raw !== 'string') throw new InvalidAttestationQueryError(name, 'must be given once, as text.');
    if ((TEXT_PARAMS as readonly string[]).includes(name)) {
      query[name as (typeof TEXT_PARAMS)[number]] = raw;
    } else if (name === 'since' || name === 'until') {
      normalizeInstant(name, raw);
      query[name] = raw;
    } else if (name === 'limit') {
      query.limit = parseLimit(raw);
    } else if (raw !== '') {
      decodeCursor(raw);
      query.cursor = raw;
    }
  }
  return query;
}

function parseLimit(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > MAX_ATTESTATION_PAGE) {
    throw new InvalidAttestationQueryError('limit', `must be a whole number from 1 to ${MAX_ATTESTATION_PAGE}, got "${raw}".`);
  }
  return value;
}
