/**
 * `--since` of `ix git`, checked first: git takes almost any text as a date and quietly ignores
 * what it cannot read, which would ingest everything. ISO 8601 or "<n> <unit>s ago".
 */
export function validSince(since: string | undefined): string | undefined {
  if (!since) return undefined;
  const relative = /^\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago$/i.test(since.trim());
  if (!relative && Number.isNaN(Date.parse(since))) {
    throw new Error(`--since "${since}" is not a date: use ISO 8601 (2024-01-31) or "<n> <unit>s ago".`);
  }
  return since;
}
