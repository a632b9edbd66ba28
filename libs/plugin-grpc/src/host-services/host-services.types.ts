/**
 * The wire messages of proto/host_services.proto as proto-loader reads them (keepCase, longs as
 * strings, enums as numbers). `optional` fields are absent when not set.
 */
export enum WireLogLevel {
  INFO = 0,
  DEBUG = 1,
  WARN = 2,
  ERROR = 3,
}

export interface WireLogRequest {
  level: WireLogLevel;
  message: string;
  fields_json: string;
}

export interface WireGetConfigResponse {
  config: Record<string, string>;
}

export interface WireAttestation {
  id: string;
  subject: string;
  predicate: string;
  context: string;
  actor: string;
  timestamp: string;
  attributes_json: string;
  source: string;
}

export interface WirePutAttestationsRequest {
  records: WireAttestation[];
}

export interface WirePutAttestationsResponse {
  inserted: number;
  existing: number;
}

export interface WireAttestationQuery {
  subject?: string;
  predicate?: string;
  context?: string;
  actor?: string;
  source?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor: string;
}

export interface WireAttestationPage {
  records: WireAttestation[];
  next_cursor: string;
}

export interface WireCountAttestationsResponse {
  /** int64, as text. */
  count: string;
}
