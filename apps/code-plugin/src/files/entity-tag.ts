import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';

/**
 * A file's ETag from its identity, size and modification time (nanoseconds), so a file is never
 * read just to answer 304; an atomic replace (a new inode) always changes it.
 */
export function entityTag(stat: Pick<BigIntStats, 'ino' | 'size' | 'mtimeNs'>): string {
  const identity = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  return `"${createHash('sha1').update(identity).digest('base64url')}"`;
}

/** Whether an If-None-Match / If-Match header lists `etag` (weak tags compare by value; "*" matches any). */
export function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
