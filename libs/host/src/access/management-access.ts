import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Who may restart a plugin or read its logs (which can hold secrets): any loopback client, and
 * a remote one only with the configured admin token. Null when allowed, else why not.
 */
export function managementRefusal(
  remoteAddress: string | undefined,
  presentedToken: string | undefined,
  adminToken: string | undefined,
): string | null {
  if (isLoopback(remoteAddress)) return null;
  if (!adminToken) {
    return 'Plugin management is only open to loopback clients. Set [host] admin_token in am.plugins.toml to allow others.';
  }
  if (presentedToken !== undefined && sameSecret(presentedToken, adminToken)) return null;
  return 'Plugin management needs the admin token: send "Authorization: Bearer <admin_token>".';
}

/** Compares digests so that neither the length nor the content leaks through timing. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
