/** Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
]);

export function isHopByHop(name: string, connectionTokens: Set<string>): boolean {
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-') || connectionTokens.has(name);
}

/** Header names listed in a Connection header are hop-by-hop too. */
export function connectionTokens(values: string[] | undefined): Set<string> {
  const tokens = new Set<string>();
  for (const value of values ?? []) {
    for (const token of value.split(',')) if (token.trim()) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}
