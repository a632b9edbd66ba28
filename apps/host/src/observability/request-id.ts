import { randomUUID } from 'node:crypto';

/** What a client may send as X-Request-Id: up to 128 visible ASCII characters, no spaces. */
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/** The client's request id when it is usable as a log field and a header, else a new UUID. */
export function requestIdFor(given: string | string[] | undefined): string {
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
