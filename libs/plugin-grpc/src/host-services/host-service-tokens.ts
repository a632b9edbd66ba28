import { createHash, randomBytes } from 'node:crypto';

/**
 * One secret token per plugin for the host-services channel, distinct from the per-launch
 * token: the token is the caller's identity there. Tokens are kept only as hashes, so a lookup
 * never compares the secret itself byte by byte.
 */
export class HostServiceTokens {
  private readonly byPlugin = new Map<string, string>();
  private readonly pluginByHash = new Map<string, string>();

  /** The plugin's token, made on first use and the same afterwards (a restarted plugin gets it again). */
  issue(plugin: string): string {
    let token = this.byPlugin.get(plugin);
    if (!token) {
      token = randomBytes(32).toString('hex');
      this.byPlugin.set(plugin, token);
      this.pluginByHash.set(hash(token), plugin);
    }
    return token;
  }

  /** The plugin a token belongs to; null for a missing or unknown one. */
  pluginOf(token: string | undefined): string | null {
    if (!token) return null;
    return this.pluginByHash.get(hash(token)) ?? null;
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
