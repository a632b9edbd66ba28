/** The WebSocket close codes the platform uses (RFC 6455 §7.4), by what they mean here. */
export const WebSocketCloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  /** Never sent in a close frame: reported when a connection ended without one. */
  ABNORMAL: 1006,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  /** The far side failed: a plugin crashed, threw, or sent something invalid. */
  INTERNAL_ERROR: 1011,
  /** Application range: the plugin has no socket at the requested path. */
  UNKNOWN_PATH: 4404,
} as const;

/** Close frames carry at most 123 bytes of UTF-8 reason. */
const MAX_REASON_BYTES = 123;

/** Whether a code may be sent in a close frame (RFC 6455 §7.4.1–2, as browsers enforce it). */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

/** A code and reason that can go into a close frame: unsendable codes become `fallback`. */
export function sendableClose(code: number, reason: string, fallback: number): { code: number; reason: string } {
  return { code: isSendableCloseCode(code) ? code : fallback, reason: truncateUtf8(reason, MAX_REASON_BYTES) };
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > maxBytes - 3) break;
    out += char;
  }
  return `${out}...`;
}
