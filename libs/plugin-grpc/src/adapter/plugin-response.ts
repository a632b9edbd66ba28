import { HttpHeaders } from '@qntx/domains';

const BRAND = Symbol.for('qntx.plugin-grpc.PluginResponse');

/** An explicit HTTP response from a `@PluginRoute` handler, when status or headers matter. */
export class PluginResponse {
  /**
   * Recognised by a brand rather than by prototype: a plugin loaded built-in from its own bundle
   * carries its own copy of this class, and its responses must still read as responses.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(
    readonly status: number,
    readonly body: Buffer | string | object | null = null,
    readonly headers: Record<string, string | string[]> = {},
  ) {}

  static json(value: unknown, status = 200, headers: Record<string, string | string[]> = {}): PluginResponse {
    return new PluginResponse(status, Buffer.from(JSON.stringify(value)), {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    });
  }

  static text(text: string, status = 200, headers: Record<string, string | string[]> = {}): PluginResponse {
    return new PluginResponse(status, Buffer.from(text), { 'content-type': 'text/plain; charset=utf-8', ...headers });
  }
}

Object.defineProperty(PluginResponse.prototype, BRAND, { value: true });

export function toHeaderRecord(headers: Record<string, string | string[]>): HttpHeaders {
  const out: HttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  }
  return out;
}
