import { AsyncLocalStorage } from 'node:async_hooks';

/** HTTP header with the id of a request: taken from the client, or made by the host. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** gRPC metadata key carrying the request id from the host to the plugin (same name as the header). */
export const REQUEST_ID_METADATA_KEY = REQUEST_ID_HEADER;

const requestIds = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as part of one request: every log line written while it runs, in its callbacks and
 * promises too, carries the request id (see StructuredLogger).
 */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return requestIds.run(requestId, fn);
}

/** The id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}
