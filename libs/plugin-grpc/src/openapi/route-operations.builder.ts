import type { Type } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { HttpOperations } from '@qntx/domains';
import {
  JsonSchema,
  PluginRouteOptions,
  RouteBodySpec,
  RouteParameterSpec,
  RouteResponseSpec,
} from '../interfaces/plugin-options.interface';
import { RouteDescriptionError } from '../errors/route-description.error';
import { ModelSchemas, modelSchemas } from './model-schemas';
import { openApiMethods, openApiPath } from './openapi-path';

export interface DescribedRoute {
  options: PluginRouteOptions;
  /** The handler's name: the operation id. */
  methodName?: string;
}

const JSON_TYPE = 'application/json';
const STRING: JsonSchema = { type: 'string' };

export const isModel = (value: unknown): value is Type<unknown> => typeof value === 'function';

/**
 * Refuses a description that cannot be right, at start, naming the plugin and route: a `params`
 * entry the path does not have, or a body class on a route that streams its body (a stream is
 * never read whole, so it cannot be validated).
 */
export function checkRouteDescription(plugin: string, options: PluginRouteOptions): void {
  const fail = (problem: string) => new RouteDescriptionError(plugin, options.method, options.path, problem);
  const { params } = openApiPath(options.path);
  for (const name of Object.keys(options.params ?? {})) {
    if (!params.includes(name)) {
      throw fail(`"params" describes "${name}", which the path does not have (it has ${params.length ? params.map((p) => `"${p}"`).join(', ') : 'none'}).`);
    }
  }
  if (options.stream && isModel(options.body)) {
    throw fail(`"body" is a class, but the route streams its body ({ stream: true }), so it cannot be validated. Describe it with { schema } instead, or drop { stream: true }.`);
  }
}

/**
 * The OpenAPI fragment of a plugin's routes (see `HttpOperations`): one operation per route and
 * method, with the path parameters its pattern has, the query, body and responses it describes,
 * and the schemas of the classes it names.
 */
export function describeRoutes(routes: DescribedRoute[]): HttpOperations {
  const models = routes.flatMap(({ options }) => modelsOf(options));
  const schemas = models.length > 0 ? modelSchemas([...new Set(models)]) : null;
  const paths: HttpOperations['paths'] = {};
  for (const route of routes) {
    const { path, params } = openApiPath(route.options.path);
    const methods = openApiMethods(route.options.method);
    for (const method of methods) {
      const operationId = route.methodName && methods.length > 1 ? `${route.methodName}_${method}` : route.methodName;
      (paths[path] ??= {})[method] = operation(route.options, method, params, operationId, schemas);
    }
  }
  return { paths, components: { schemas: schemas?.schemas ?? {} } };
}

function modelsOf(options: PluginRouteOptions): Type<unknown>[] {
  const responses = Object.values(options.responses ?? {}).map((response) =>
    isModel(response) ? response : typeof response === 'object' ? response.type : undefined,
  );
  return [options.body, options.query, ...responses].filter(isModel);
}

function operation(
  options: PluginRouteOptions,
  method: string,
  pathParams: string[],
  operationId: string | undefined,
  schemas: ModelSchemas | null,
): Record<string, unknown> {
  const parameters = [
    ...pathParams.map((name) => pathParameter(name, options.params?.[name])),
    ...queryParameters(options.query, schemas),
  ];
  const body = method === 'get' || method === 'head' || method === 'delete' ? undefined : options.body;
  return {
    ...(operationId ? { operationId } : {}),
    ...(options.summary ? { summary: options.summary } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.deprecated ? { deprecated: true } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: requestBody(body, schemas) } : {}),
    responses: responses(options.responses, schemas),
  };
}

function pathParameter(name: string, spec: string | RouteParameterSpec | undefined): Record<string, unknown> {
  const given = typeof spec === 'string' ? { description: spec } : (spec ?? {});
  return parameter(name, 'path', { ...given, required: true });
}

function parameter(name: string, location: 'path' | 'query', spec: RouteParameterSpec): Record<string, unknown> {
  return {
    name,
    in: location,
    required: spec.required === true,
    ...(spec.description ? { description: spec.description } : {}),
    schema: spec.schema ?? STRING,
    ...(spec.example !== undefined ? { example: spec.example } : {}),
  };
}

/** A query class becomes one parameter per property, required as its schema says. */
function queryParameters(query: PluginRouteOptions['query'], schemas: ModelSchemas | null): Record<string, unknown>[] {
  if (!query) return [];
  if (!isModel(query)) return Object.entries(query).map(([name, spec]) => parameter(name, 'query', spec));
  const schema = schemaOfModel(query, schemas!);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, example, ...rest } = property;
    return parameter(name, 'query', {
      required: required.has(name),
      description: description as string | undefined,
      example,
      schema: rest,
    });
  });
}

function schemaOfModel(model: Type<unknown>, schemas: ModelSchemas): JsonSchema {
  const ref = schemas.refOf(model);
  return schemas.schemas[ref.slice(ref.lastIndexOf('/') + 1)] ?? {};
}

function requestBody(body: Type<unknown> | RouteBodySpec, schemas: ModelSchemas | null): Record<string, unknown> {
  if (isModel(body)) return { required: true, content: { [JSON_TYPE]: { schema: { $ref: schemas!.refOf(body) } } } };
  return {
    ...(body.description ? { description: body.description } : {}),
    content: { [body.contentType ?? JSON_TYPE]: { schema: body.schema ?? {} } },
  };
}

function responses(
  given: PluginRouteOptions['responses'],
  schemas: ModelSchemas | null,
): Record<string, Record<string, unknown>> {
  const entries = Object.entries(given ?? { 200: 'OK' });
  return Object.fromEntries(entries.map(([status, response]) => [status, responseObject(Number(status), response, schemas)]));
}

function responseObject(
  status: number,
  response: string | Type<unknown> | RouteResponseSpec,
  schemas: ModelSchemas | null,
): Record<string, unknown> {
  const fallback = STATUS_CODES[status] ?? 'Response';
  if (typeof response === 'string') return { description: response };
  const spec: RouteResponseSpec = isModel(response) ? { type: response } : response;
  const description = spec.description ?? fallback;
  const modelRef = spec.type ? { $ref: schemas!.refOf(spec.type) } : null;
  const schema = modelRef ? (spec.isArray ? { type: 'array', items: modelRef } : modelRef) : spec.schema;
  if (!schema) return { description };
  return { description, content: { [spec.contentType ?? JSON_TYPE]: { schema } } };
}
