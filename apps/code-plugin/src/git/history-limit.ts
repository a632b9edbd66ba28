import { BadRequestException } from '@nestjs/common';

const DEFAULT_HISTORY = 100;
const MAX_HISTORY = 1000;

/** `?limit=` of GET /api/code/git/log. */
export function historyLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_HISTORY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_HISTORY) {
    throw new BadRequestException(`"limit" must be a whole number from 1 to ${MAX_HISTORY}, got "${raw}".`);
  }
  return value;
}
