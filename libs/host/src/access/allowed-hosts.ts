import { isIP } from 'node:net';

/**
 * Whether a request's Host header names this host. A page on a rebinding domain
 * (evil.example → 127.0.0.1) reaches a loopback server with its own name in Host, so only names
 * known to be this machine's are accepted: `localhost`, `*.localhost`, any IP address (rebinding
 * needs a name), and the configured ones (`qntx.example.com`; `.example.com` for the domain and
 * its subdomains; `*` for any). No Host at all (HTTP/1.0 tools) is no page's request: accepted.
 */
export function isHostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined || hostHeader === '') return true;
  if (allowed.includes('*')) return true;
  const name = hostName(hostHeader);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) !== 0) return true;
  return allowed.some((entry) => matches(name, entry.toLowerCase()));
}

/** The 403 message for a refused Host, naming the setting that allows it. */
export function hostRefusal(hostHeader: string): string {
  return (
    `Requests for host "${hostName(hostHeader).slice(0, 253)}" are refused (DNS rebinding protection); ` +
    'add it to [host] allowed_hosts in am.plugins.toml (or the allowedHosts option), or ["*"] to accept any.'
  );
}

/** "example.com" of "Example.com:8787", "::1" of "[::1]:8787", without a trailing dot. */
function hostName(header: string): string {
  const lower = header.trim().toLowerCase();
  const name = lower.startsWith('[') ? lower.slice(1, lower.indexOf(']')) : lower.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function matches(name: string, entry: string): boolean {
  if (entry.startsWith('.')) return name === entry.slice(1) || name.endsWith(entry);
  return name === entry;
}
