import { PluginCallError, PluginHttpRequest, PluginUnavailableError } from '@qntx/domains';

/** Methods a request may be sent again for without its effect happening twice. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request one process failed may be sent to another (the previous generation during
 * probation, another replica): its body is not a stream already (partly) read, the client is
 * still there, and either the plugin was not reached at all (unavailable) or the method is one a
 * repeat cannot harm. An answer from the plugin, even an error status, is never sent again: only
 * a failed call is.
 */
export function replayable(request: PluginHttpRequest, error: unknown): boolean {
  if (request.bodyStream !== undefined || request.signal?.aborted) return false;
  if (error instanceof PluginUnavailableError) return true;
  return error instanceof PluginCallError && IDEMPOTENT.has(request.method.toUpperCase());
}
