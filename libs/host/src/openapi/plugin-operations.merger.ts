import type { OpenAPIObject } from '@nestjs/swagger';
import { HttpOperations, Metadata } from '@qntx/domains';

/** What the document says about one plugin: its description, or why there is none. */
export interface DescribedPlugin {
  metadata: Metadata;
  /** null: the plugin describes nothing (a reference plugin), or could not be asked (`problem`). */
  operations: HttpOperations | null;
  problem?: string;
}

type Operation = Record<string, unknown>;
const GENERIC_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Adds one plugin to the document: its paths under `<prefix>/api/<name>`, each operation tagged
 * with the plugin's name and its operation id prefixed with it, its schemas renamed
 * `<name>.<Schema>` (refs included) so that two plugins' `NoteDto`s stay apart. A plugin that
 * describes nothing gets one generic operation per method on `/api/<name>/{path}`.
 */
export function addPluginOperations(document: OpenAPIObject, plugin: DescribedPlugin, prefix = ''): void {
  const { name } = plugin.metadata;
  const base = `${prefix}/api/${name}`;
  document.tags = [...(document.tags ?? []).filter((tag) => tag.name !== name), { name, description: tagDescription(plugin) }];
  const paths = plugin.operations ? renameRefs(plugin.operations.paths, name) : genericPaths(plugin);
  for (const [relative, item] of Object.entries(paths)) {
    const path = relative === '/' ? base : `${base}${relative}`;
    const operations: Record<string, Operation> = {};
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      const id = operation.operationId as string | undefined;
      operations[method] = { ...operation, tags: [name], ...(id ? { operationId: `${name}.${id}` } : {}) };
    }
    document.paths[path] = { ...document.paths[path], ...operations };
  }
  const schemas = renameRefs(plugin.operations?.components?.schemas ?? {}, name);
  if (Object.keys(schemas).length === 0) return;
  document.components ??= {};
  document.components.schemas ??= {};
  for (const [schema, value] of Object.entries(schemas)) document.components.schemas[`${name}.${schema}`] = value as object;
}

function tagDescription({ metadata, operations, problem }: DescribedPlugin): string {
  const about = [metadata.description, metadata.version && `version ${metadata.version}`].filter(Boolean).join(' — ');
  if (operations) return about;
  const why = problem ? `its description could not be read: ${problem}` : 'it does not describe its routes';
  return [about, `Every request under /api/${metadata.name}/ is forwarded to the plugin (${why}).`].filter(Boolean).join('. ');
}

function genericPaths({ metadata }: DescribedPlugin): Record<string, Record<string, Operation>> {
  const { name } = metadata;
  const operation = (method: string): Operation => ({
    operationId: `any_${method}`,
    summary: `Any ${method.toUpperCase()} route of the ${name} plugin`,
    parameters: [
      {
        name: 'path',
        in: 'path',
        required: true,
        description: `The route below /api/${name}/ (slashes included), as the plugin defines it`,
        schema: { type: 'string' },
      },
    ],
    ...(method === 'get' || method === 'delete'
      ? {}
      : { requestBody: { content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } }),
    responses: {
      default: { description: 'What the plugin answers' },
      '503': { description: 'The plugin is down (Retry-After says when to try again)' },
    },
  });
  return { '/{path}': Object.fromEntries(GENERIC_METHODS.map((method) => [method, operation(method)])) };
}

/** A deep copy in which every `#/components/schemas/X` names `#/components/schemas/<plugin>.X`. */
function renameRefs<T>(value: T, plugin: string): T {
  if (Array.isArray(value)) return value.map((item) => renameRefs(item, plugin)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')
        ? `#/components/schemas/${plugin}.${item.slice('#/components/schemas/'.length)}`
        : renameRefs(item, plugin);
  }
  return copy as T;
}
