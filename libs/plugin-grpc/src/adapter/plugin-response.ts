import { HttpBodySource, HttpHeaders } from '@qntx/domains';

const BRAND = Symbol.for('qntx.plugin-grpc.PluginResponse');

type HeaderInput = Record<string, string | string[]>;

/** One server-sent event: `data` is sent as text (objects as JSON), split on line breaks. */
export interface ServerSentEvent {
  data: unknown;
  event?: string;
  id?: string;
  retry?: number;
}

/** An explicit HTTP response from a `@PluginRoute` handler, when status, headers or streaming matter. */
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
    /** A Buffer or string as is, an object as JSON, a `Readable`/async iterable streamed as produced. */
    readonly body: Buffer | string | object | HttpBodySource | null = null,
    readonly headers: HeaderInput = {},
  ) {}

  static json(value: unknown, status = 200, headers: HeaderInput = {}): PluginResponse {
    return new PluginResponse(status, Buffer.from(JSON.stringify(value)), {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    });
  }

  static text(text: string, status = 200, headers: HeaderInput = {}): PluginResponse {
    return new PluginResponse(status, Buffer.from(text), { 'content-type': 'text/plain; charset=utf-8', ...headers });
  }

  /** A body sent chunk by chunk as `source` yields it (a file stream, a generator). */
  static stream(source: HttpBodySource, headers: HeaderInput = {}, status = 200): PluginResponse {
    return new PluginResponse(status, source, { 'content-type': 'application/octet-stream', ...headers });
  }

  /**
   * Server-sent events: each value `events` yields reaches the client as soon as it is yielded.
   * Stop yielding when `req.signal` aborts (the client went away).
   */
  static sse(events: AsyncIterable<ServerSentEvent | string>, headers: HeaderInput = {}): PluginResponse {
    return new PluginResponse(200, formatEvents(events), {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...headers,
    });
  }
}

Object.defineProperty(PluginResponse.prototype, BRAND, { value: true });

async function* formatEvents(events: AsyncIterable<ServerSentEvent | string>): AsyncGenerator<string> {
  for await (const event of events) yield formatEvent(typeof event === 'string' ? { data: event } : event);
}

function formatEvent(event: ServerSentEvent): string {
  let text = '';
  if (event.event) text += `event: ${event.event}\n`;
  if (event.id) text += `id: ${event.id}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

export function isBodySource(value: unknown): value is HttpBodySource {
  return typeof value === 'object' && value !== null && typeof (value as HttpBodySource)[Symbol.asyncIterator] === 'function';
}

export function toHeaderRecord(headers: HeaderInput): HttpHeaders {
  const out: HttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  }
  return out;
}
