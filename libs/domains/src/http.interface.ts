import type { Readable } from 'node:stream';

export type HttpHeaders = Record<string, string[]>;

/** A body produced piece by piece: a Node `Readable`, an async generator, anything async-iterable. */
export type HttpBodySource = AsyncIterable<Uint8Array | string>;

export interface PluginHttpRequest {
  method: string;
  /** The full path the client sent, with the `/api/<name>` prefix, without the query. */
  path: string;
  /** The path relative to the plugin's namespace, always starting with "/". */
  relativePath: string;
  /** The raw query string without "?", or "" when there is none. */
  query: string;
  /** Lower-case header names; every value kept. */
  headers: HttpHeaders;
  /** The whole body, for routes that read it buffered; empty when `bodyStream` carries it. */
  body: Buffer;
  /**
   * The body as it arrives, for routes registered with `{ streamBody: true }` (absent when the
   * request has no body). Read it once; reading slowly slows the client down, not the host.
   */
  bodyStream?: Readable;
  /** Route parameters, filled in by the router that matched the request. */
  params: Record<string, string>;
  /** Aborted when the client goes away or the call's deadline passes. */
  signal?: AbortSignal;
}

export interface PluginHttpResponse {
  status: number;
  headers: HttpHeaders;
  /** The whole body; empty when `bodyStream` carries it. */
  body: Buffer;
  /**
   * A body sent as it is produced (a download, server-sent events). The receiver pulls it at the
   * client's pace and stops pulling (calling `return()` on its iterator) when the client leaves.
   */
  bodyStream?: HttpBodySource;
}

export type HttpHandler = (request: PluginHttpRequest) => Promise<PluginHttpResponse>;

export interface HttpRouteOptions {
  /** The handler reads `request.bodyStream` itself, so the caller must not buffer the body first. */
  streamBody?: boolean;
}

/**
 * What `registerHttp` receives. Paths are full paths under `/api/<plugin-name>`; they may hold
 * `:param` segments and a trailing `*name` wildcard (Express 5 style).
 */
export interface HttpRouter {
  handle(method: string, path: string, handler: HttpHandler, options?: HttpRouteOptions): void;
}

/**
 * A plugin's HTTP routes as an OpenAPI 3.0 fragment: `paths` relative to `/api/<plugin>` ("/" is
 * the plugin's root, "/files/{path}" one of its routes), each holding Operation Objects, and the
 * schemas their `$ref`s name ("#/components/schemas/<Name>"). The host places the paths under the
 * plugin's prefix, tags them with the plugin's name and renames the schemas to "<plugin>.<Name>".
 */
export interface HttpOperations {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}
