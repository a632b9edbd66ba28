/**
 * An attestation: "actor says subject predicate, in context, at timestamp". The store behind
 * this interface is SQLite by default; a server database can replace it without touching
 * plugins, which only ever see this interface.
 */
export interface Attestation {
  /** Chosen by the writer; writing the same id again changes nothing (idempotent). */
  id: string;
  subject: string;
  predicate: string;
  context: string;
  actor: string;
  /** ISO 8601 instant. */
  timestamp: string;
  attributes: Record<string, unknown>;
  /** The plugin that wrote it (set by the store from the caller's identity, never by the caller). */
  source?: string;
}

export type NewAttestation = Omit<Attestation, 'source'>;

export interface AttestationQuery {
  subject?: string;
  predicate?: string;
  context?: string;
  actor?: string;
  source?: string;
  /** Inclusive lower bound, ISO 8601. */
  since?: string;
  /** Exclusive upper bound, ISO 8601. */
  until?: string;
  /** Page size (default 100, at most 1000). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** A query without its paging: what `count` takes. */
export type AttestationFilter = Omit<AttestationQuery, 'limit' | 'cursor'>;

/** The filters matched as text, by exact value. */
export const ATTESTATION_TEXT_FILTERS = ['subject', 'predicate', 'context', 'actor', 'source'] as const;
/** Every filter of an AttestationQuery: the one list the HTTP query, the CLI and the wire mapping read. */
export const ATTESTATION_FILTERS = [...ATTESTATION_TEXT_FILTERS, 'since', 'until'] as const satisfies readonly (keyof AttestationFilter)[];

export interface AttestationPage {
  records: Attestation[];
  /** Present when there may be more records. */
  nextCursor?: string;
}

export interface AttestationWriteResult {
  inserted: number;
  /** Ids already present (left unchanged). */
  existing: number;
}

export interface AttestationStore {
  /** Writes records as `source`; records whose id exists are left as they are. */
  put(source: string, records: NewAttestation[]): Promise<AttestationWriteResult>;
  query(query: AttestationQuery): Promise<AttestationPage>;
  count(filter?: AttestationFilter): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_ATTESTATION_PAGE = 100;
export const MAX_ATTESTATION_PAGE = 1000;
