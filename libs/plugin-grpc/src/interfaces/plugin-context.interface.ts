import type { Readable } from 'node:stream';
import { PluginAttestations, PluginConfig, PluginHttpRequest, PluginLogger, ServiceRegistry } from '@qntx/domains';

/** What a `@PluginCommand` handler receives. */
export interface CommandContext {
  /** The command path, e.g. "code ix git". */
  command: string;
  args: string[];
  /** Flags parsed to their declared types; defaults filled in; repeated flags as arrays. */
  flags: Record<string, string | number | boolean | string[]>;
  stdout(text: string): void;
  stderr(text: string): void;
  signal: AbortSignal;
}

/** What a `@PluginRoute` handler receives: the request, its route parameters and query. */
export interface PluginRequest extends PluginHttpRequest {
  /** Parsed query: repeated keys keep every value. */
  queryParams: URLSearchParams;
  /** The first value of a header, by case-insensitive name. */
  header(name: string): string | undefined;
  /**
   * The body parsed as JSON (throws a 400 when it is not JSON); on a route whose `body` is a
   * class, the validated instance of that class.
   */
  json<T = unknown>(): T;
  /**
   * The query as an object (a repeated key gives an array); on a route whose `query` is a class,
   * the validated instance of that class.
   */
  queryObject<T = Record<string, string | string[]>>(): T;
  text(): string;
  /**
   * The body as a stream. On a `{ stream: true }` route it is the body as it arrives (read it
   * once; reading slowly slows the client); on any other route, the buffered body.
   */
  stream(): Readable;
}

/** What `@OnPluginInit` hooks receive. */
export interface PluginInitContext {
  services: ServiceRegistry;
  config: PluginConfig;
  logger: PluginLogger;
  /** The attestation store, writing as this plugin (in-process or over the host's callback channel). */
  attestations: PluginAttestations;
}
