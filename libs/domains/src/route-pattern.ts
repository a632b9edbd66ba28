/**
 * A compiled route path: literal segments, `:param` segments, and a final `*name` (one or more
 * segments) or `{*name}` (zero or more) wildcard, as in Express 5.
 */
export class RoutePattern {
  private readonly segments: Segment[];
  private readonly wildcard: { name: string; optional: boolean } | null;

  constructor(readonly path: string) {
    const parts = splitPath(path);
    const last = parts[parts.length - 1];
    const wildcard = last ? parseWildcard(last) : null;
    this.wildcard = wildcard;
    const fixed = wildcard ? parts.slice(0, -1) : parts;
    this.segments = fixed.map((part) => {
      if (parseWildcard(part)) throw new Error(`Route "${path}": a wildcard may only be the last segment.`);
      return part.startsWith(':') ? { param: part.slice(1) } : { literal: part };
    });
  }

  /** The route parameters when `path` matches, otherwise null. */
  match(path: string): Record<string, string> | null {
    const parts = splitPath(path);
    if (parts.length < this.segments.length) return null;
    if (!this.wildcard && parts.length !== this.segments.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i];
      const part = parts[i];
      if ('literal' in segment) {
        if (segment.literal !== part) return null;
      } else {
        params[segment.param] = safeDecode(part);
      }
    }
    if (this.wildcard) {
      const rest = parts.slice(this.segments.length);
      if (rest.length === 0 && !this.wildcard.optional) return null;
      params[this.wildcard.name] = rest.map(safeDecode).join('/');
    }
    return params;
  }

  /** More literal segments first, wildcards last: the order in which routes are tried. */
  get specificity(): number {
    const literals = this.segments.filter((s) => 'literal' in s).length;
    return literals * 4 + this.segments.length * 2 + (this.wildcard ? 0 : 1);
  }
}

type Segment = { literal: string } | { param: string };

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function parseWildcard(part: string): { name: string; optional: boolean } | null {
  const optional = /^\{\*(\w+)\}$/.exec(part);
  if (optional) return { name: optional[1], optional: true };
  const required = /^\*(\w*)$/.exec(part);
  if (required) return { name: required[1] || 'path', optional: false };
  return null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
