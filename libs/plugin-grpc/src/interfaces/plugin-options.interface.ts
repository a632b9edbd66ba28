import type { Type, ValidationPipeOptions } from '@nestjs/common';
import { FlagType } from '@qntx/domains';

/** What `@Plugin(...)` says about the plugin: the guide's Metadata, plus command-group help. */
export interface PluginOptions {
  name: string;
  version: string;
  /** Semver range on the host version, npm form (">=0.1.0 <2") or Go form (">= 0.1.0, < 2.0.0"). */
  qntxVersion?: string;
  description?: string;
  author?: string;
  license?: string;
  /** Descriptions of intermediate command words, e.g. `{ ix: 'Ingest data' }`. */
  commandGroups?: Record<string, string>;
}

export interface PluginFlagOptions {
  name: string;
  type?: FlagType;
  short?: string;
  description?: string;
  default?: string | number | boolean;
  repeated?: boolean;
}

export interface PluginCommandOptions {
  /**
   * The command's path below the plugin's own top-level command, with its argument usage:
   * `'ix git <repository>'` becomes `qntx <plugin> ix git <repository>`.
   */
  command: string;
  description?: string;
  flags?: PluginFlagOptions[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

/** A JSON Schema (the OpenAPI 3.0 dialect), for a parameter or a body without a class. */
export type JsonSchema = Record<string, unknown>;

/** One path or query parameter described by hand. */
export interface RouteParameterSpec {
  description?: string;
  /** Query parameters only: whether the route needs it (path parameters always do). */
  required?: boolean;
  /** Default `{ type: 'string' }`. */
  schema?: JsonSchema;
  example?: unknown;
}

/** A request or response body described by JSON Schema instead of a class. */
export interface RouteBodySpec {
  schema?: JsonSchema;
  /** Default `application/json`. */
  contentType?: string;
  description?: string;
}

/**
 * A body given as a class (its `@ApiProperty` decorators describe it, its class-validator
 * decorators validate it) or as a JSON Schema (documentation only).
 */
export type RouteBody = Type<unknown> | RouteBodySpec;

/** A response: its description, and its body as a class (`isArray` for a list of them) or JSON Schema. */
export interface RouteResponseSpec extends RouteBodySpec {
  type?: Type<unknown>;
  isArray?: boolean;
}

/** How a route describes itself in the host's OpenAPI document, and what is validated before it runs. */
export interface PluginRouteDescription {
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** Path parameters (`:name`, `*name` in the path): a description, or a spec. Listed or not, each one is documented. */
  params?: Record<string, string | RouteParameterSpec>;
  /**
   * Query parameters: a class (documented from its `@ApiProperty`s and validated with
   * `ValidationPipe`; the handler gets the instance from `req.queryObject()`), or specs by name.
   */
  query?: Type<unknown> | Record<string, RouteParameterSpec>;
  /** The request body; a class is validated with `ValidationPipe` and `req.json()` returns the instance. */
  body?: RouteBody;
  /** Responses by status code: a description, a class, or a spec; without it, one `200` with no schema. */
  responses?: Record<number, string | Type<unknown> | RouteResponseSpec>;
  /** Options of the `ValidationPipe` that checks a class body and query (`transform` is always on). */
  validation?: ValidationPipeOptions;
}

export interface PluginRouteOptions extends PluginRouteDescription {
  method: HttpMethod;
  /** Path relative to `/api/<plugin>`: `''`, `'files/*path'`, `'items/:id'`. */
  path: string;
  /**
   * The handler reads the request body as a stream (`req.stream()`), so it is never buffered
   * whole: uploads of any size. Without it the body arrives whole in `req.body`.
   */
  stream?: boolean;
}

export type PluginHookKind = 'init' | 'shutdown' | 'health';
