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

export function isHopByHop(name: string, connectionTokens: ReadonlySet<string>): boolean {
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-') || connectionTokens.has(name);
}

const NO_TOKENS: ReadonlySet<string> = new Set<string>();

/** Header names listed in a Connection header are hop-by-hop too. */
export function connectionTokens(values: string[] | undefined): ReadonlySet<string> {
  if (values === undefined) return NO_TOKENS; // HTTP/1.1 clients mostly send none: no set per request
  const tokens = new Set<string>();
  for (const value of values) {
    for (const token of value.split(',')) if (token.trim()) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}
