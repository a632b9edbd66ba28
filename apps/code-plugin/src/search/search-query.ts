import { BadRequestException } from '@nestjs/common';
import type { RE2JS } from 're2js';
import { compileWatchGlob } from '../watch-glob';
import { compileSearchPattern } from './search-pattern';

export const DEFAULT_SEARCH_LIMIT = 100;
export const MAX_SEARCH_LIMIT = 10_000;

export interface SearchQuery {
  /** The text (or, with `regex`, the RE2 regular expression) to find. */
  q: string;
  regex: boolean;
  /** `q` compiled, when `regex` is set. */
  pattern: RE2JS | null;
  ignoreCase: boolean;
  /** The glob the files' workspace-relative paths must match ("src/**\/*.ts"), if any. */
  glob: string | null;
  matches: ((path: string) => boolean) | null;
  limit: number;
}

/**
 * `?q=&glob=&regex=&ignoreCase=&limit=` as a search query. A glob that leaves the workspace is
 * refused with 403 (as watch globs are); anything else that does not parse is a 400 that names
 * the parameter.
 */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const q = params.get('q') ?? '';
  if (q === '') throw new BadRequestException('"q" is required: the text to search for.');
  const regex = flag(params, 'regex');
  const ignoreCase = flag(params, 'ignoreCase');
  const pattern = regex ? compileSearchPattern(q, ignoreCase) : null;
  const glob = params.get('glob');
  const matches = glob ? compileWatchGlob(glob) : null;
  const rawLimit = params.get('limit');
  const limit = rawLimit === null ? DEFAULT_SEARCH_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new BadRequestException(`"limit" must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got "${rawLimit}".`);
  }
  return { q, regex, pattern, ignoreCase, glob: glob || null, matches, limit };
}

function flag(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === null || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new BadRequestException(`"${name}" must be true or false, got "${raw}".`);
}
