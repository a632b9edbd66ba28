export type HttpHeaders = Record<string, string[]>;

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
  body: Buffer;
  /** Route parameters, filled in by the router that matched the request. */
  params: Record<string, string>;
  /** Aborted when the client goes away or the call's deadline passes. */
  signal?: AbortSignal;
}

export interface PluginHttpResponse {
  status: number;
  headers: HttpHeaders;
  body: Buffer;
}

export type HttpHandler = (request: PluginHttpRequest) => Promise<PluginHttpResponse>;

/**
 * What `registerHttp` receives. Paths are full paths under `/api/<plugin-name>`; they may hold
 * `:param` segments and a trailing `*name` wildcard (Express 5 style).
 */
export interface HttpRouter {
  handle(method: string, path: string, handler: HttpHandler): void;
}
