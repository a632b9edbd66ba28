import {
  AttestationFilter,
  AttestationPage,
  AttestationQuery,
  AttestationWriteResult,
  NewAttestation,
} from './attestation-store.interface';

export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A plugin's own settings (its `am.<name>.toml`), typed on read. */
export interface PluginConfig {
  get(key: string): string | undefined;
  getString(key: string, fallback?: string): string;
  getInt(key: string, fallback?: number): number;
  getBool(key: string, fallback?: boolean): boolean;
  getStringSlice(key: string, fallback?: string[]): string[];
  set(key: string, value: string): void;
  /** Every key and value, as text: what travels in InitializeRequest.config. */
  toRecord(): Record<string, string>;
}

/**
 * The attestation store as one plugin sees it: what it writes is recorded with the plugin as
 * source (a plugin cannot write as another); it reads the records of every source.
 */
export interface PluginAttestations {
  /** Writes records; an id that exists already is left unchanged (idempotent). */
  put(records: NewAttestation[]): Promise<AttestationWriteResult>;
  /** One page, ordered by (timestamp, id); pass `nextCursor` back for the next one. */
  query(query?: AttestationQuery): Promise<AttestationPage>;
  count(filter?: AttestationFilter): Promise<number>;
}

/** Where a plugin in another process calls these services back, and the token that names it. */
export interface ServiceEndpoint {
  address: string;
  token: string;
}

/** How the plugin reaches these services, and whether they answer: for its health. */
export interface ServiceChannelStatus {
  /** Whatever is offered answers (no channel offered at all is not a failure). */
  ok: boolean;
  /** "in-process", "host-services at 127.0.0.1:41234 (2 ms)", or what went wrong. */
  detail: string;
}

/** What the host offers a plugin at initialize: the same API whether the plugin runs built-in or not. */
export interface ServiceRegistry {
  logger(domain: string): PluginLogger;
  config(domain: string): PluginConfig;
  attestations(domain: string): PluginAttestations;
  channel(domain: string): Promise<ServiceChannelStatus>;
  /**
   * For the adapter of a plugin in another process: the callback endpoint and that plugin's
   * token. Absent (or null) when these services are not offered to other processes.
   */
  endpoint?(domain: string): ServiceEndpoint | null;
}
