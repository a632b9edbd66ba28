export const HOST_OPENAPI_OPTIONS = 'QNTX:HOST_OPENAPI_OPTIONS';

/** Where Swagger UI answers unless `openApi.path` says otherwise. */
export const DEFAULT_OPENAPI_PATH = 'api/docs';
