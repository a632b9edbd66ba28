/** `openApi` of QntxHostModule's options: the OpenAPI document with the plugins' routes, and Swagger UI. */
export interface HostOpenApiOptions {
  /** Where Swagger UI answers (default `api/docs`); the document is at `<path>/openapi.json`. */
  path?: string;
  /** The document's `info` (defaults: "QNTX plugin host", the host's version). */
  title?: string;
  version?: string;
  description?: string;
  /** Include the app's own controllers, scanned as `SwaggerModule.createDocument` does (default true). */
  appRoutes?: boolean;
}
