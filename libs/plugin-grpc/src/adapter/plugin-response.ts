import { HttpHeaders } from '@qntx/domains';

/** An explicit HTTP response from a `@PluginRoute` handler, when status or headers matter. */
export class PluginResponse {
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

export function toHeaderRecord(headers: Record<string, string | string[]>): HttpHeaders {
  const out: HttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  }
  return out;
}
