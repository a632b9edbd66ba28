import type { JsonSchema, PluginRouteDescription } from '@qntx/plugin-grpc';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './search/search-query';

/**
 * How the code plugin's routes read in the host's OpenAPI document (GET /api/docs). The routes
 * parse their own parameters (their 400s name the parameter), so these are JSON Schema: they
 * document, and the handlers keep validating.
 */

const ERROR: JsonSchema = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
};
const error = (description: string) => ({ description, schema: ERROR });
const BINARY: JsonSchema = { type: 'string', format: 'binary' };
const FILE_PATH = 'The file, relative to the workspace root ("src/main.ts"); slashes stay as they are';

export const LIST_TREE: PluginRouteDescription = {
  summary: 'List the workspace files',
  description: 'What git would consider (tracked files and untracked ones not ignored), or a walk that reads .gitignore files outside a repository; at most 50 000 files.',
  responses: {
    200: {
      description: 'The files, sorted by path',
      schema: {
        type: 'object',
        properties: {
          root: { type: 'string', description: 'The workspace folder' },
          source: { type: 'string', enum: ['git', 'walk'] },
          count: { type: 'integer' },
          truncated: { type: 'boolean' },
          files: {
            type: 'array',
            items: { type: 'object', properties: { path: { type: 'string' }, size: { type: 'integer', description: 'Bytes' } } },
          },
        },
      },
    },
  },
};

export const READ_FILE: PluginRouteDescription = {
  summary: 'Read one file',
  description: 'Streamed from disk with its content type and an ETag; 304 without reading it when If-None-Match lists that ETag.',
  params: { path: FILE_PATH },
  responses: {
    200: { description: "The file's bytes", contentType: 'application/octet-stream', schema: BINARY },
    304: 'Not modified: If-None-Match lists the current ETag',
    403: error('The path leaves the workspace'),
    404: error('No such file'),
  },
};

export const WRITE_FILE: PluginRouteDescription = {
  summary: 'Write one file (dev_mode only)',
  description: 'Atomic (a temporary file renamed over it). If-Match makes the write conditional on the ETag the client last saw.',
  params: { path: FILE_PATH },
  body: { contentType: 'application/octet-stream', schema: BINARY, description: "The file's new content" },
  responses: {
    200: { description: 'Replaced', schema: writtenSchema() },
    201: { description: 'Created', schema: writtenSchema() },
    403: error('Writing is off (dev_mode = false), or the path leaves the workspace or lies under a folder never written'),
    412: error('If-Match does not name the current ETag: the file changed'),
  },
};

export const SEARCH: PluginRouteDescription = {
  summary: 'Search the workspace text',
  description: 'NDJSON, streamed as results are found: one {path, line, column, snippet} per matching line, then {done, matches, filesSearched, filesSkipped, truncated, elapsedMs}.',
  query: {
    q: { description: 'The text to find (an RE2 regular expression with regex=true)', required: true, example: 'TODO' },
    glob: { description: 'Only files whose workspace path matches this glob', example: 'src/**/*.ts' },
    regex: { description: 'Take q as an RE2 regular expression', schema: { type: 'boolean', default: false } },
    ignoreCase: { description: 'Match regardless of case', schema: { type: 'boolean', default: false } },
    limit: {
      description: 'Stop after this many matches',
      schema: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT },
    },
  },
  responses: {
    200: { description: 'Matches, then a summary line', contentType: 'application/x-ndjson', schema: { type: 'string' } },
    400: error('A parameter does not parse (the message names it)'),
    403: error('The glob leaves the workspace'),
  },
};

export const FILE_HISTORY: PluginRouteDescription = {
  summary: "One file's git history",
  description: 'Newest first, following renames.',
  query: {
    path: { description: FILE_PATH, required: true, example: 'README.md' },
    limit: { description: 'At most this many commits', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
  },
  responses: {
    200: {
      description: 'The commits that touched the file',
      schema: {
        type: 'object',
        properties: {
          path: { type: 'string' },
          commits: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                hash: { type: 'string' },
                parents: { type: 'array', items: { type: 'string' } },
                author: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } },
                date: { type: 'string', format: 'date-time' },
                subject: { type: 'string' },
                status: { type: 'string', nullable: true, description: 'What the commit did to the file: A, M, D, R...' },
                path: { type: 'string', description: 'The path the file had in that commit' },
                from: { type: 'string', description: 'With a rename: the path before it' },
              },
            },
          },
        },
      },
    },
    400: error('"path" or "limit" is missing or does not parse'),
    404: error('The workspace is not a git repository'),
  },
};

function writtenSchema(): JsonSchema {
  return {
    type: 'object',
    properties: { path: { type: 'string' }, size: { type: 'integer' }, etag: { type: 'string' }, created: { type: 'boolean' } },
  };
}
