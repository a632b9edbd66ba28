import { createHash } from 'node:crypto';

/** A strong ETag from the content itself: the same bytes give the same tag, whatever the mtime. */
export function entityTag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match / If-Match header lists `etag` (weak tags compare by value; "*" matches any). */
export function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
