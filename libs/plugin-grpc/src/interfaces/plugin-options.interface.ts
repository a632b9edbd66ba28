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

export interface PluginRouteOptions {
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
