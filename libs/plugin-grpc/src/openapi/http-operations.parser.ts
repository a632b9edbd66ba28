import { HttpOperations } from '@qntx/domains';

/**
 * Metadata's `http_operations` as the host reads it: null when empty (the plugin describes
 * nothing); an error naming the plugin when it is not an OpenAPI fragment with `paths`.
 */
export function parseHttpOperations(plugin: string, json: string): HttpOperations | null {
  if (json === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`Plugin "${plugin}" sent http_operations that is not JSON (${(error as Error).message}).`);
  }
  const paths = (value as { paths?: unknown } | null)?.paths;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) {
    throw new Error(`Plugin "${plugin}" sent http_operations without a "paths" object: it must be {"paths": {...}, "components": {...}}.`);
  }
  return value as HttpOperations;
}
