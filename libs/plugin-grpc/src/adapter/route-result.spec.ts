import { Readable } from 'node:stream';
import { toHttpResponse } from './route-result';
import { PluginResponse } from './plugin-response';

async function text(source: AsyncIterable<Uint8Array | string> | undefined): Promise<string> {
  let out = '';
  for await (const chunk of source ?? []) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return out;
}

describe('toHttpResponse: what a @PluginRoute handler may return', () => {
  it('keeps the buffered forms: an object is JSON, a string text, nothing a 204', () => {
    expect(toHttpResponse({ a: 1 })).toMatchObject({ status: 200, body: Buffer.from('{"a":1}') });
    expect(toHttpResponse('hi').headers['content-type']).toEqual(['text/plain; charset=utf-8']);
    expect(toHttpResponse(undefined).status).toBe(204);
  });

  it('streams a Readable returned as is, as octets', async () => {
    const response = toHttpResponse(Readable.from([Buffer.from('a'), Buffer.from('b')]));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toEqual(['application/octet-stream']);
    expect(response.body.length).toBe(0);
    expect(await text(response.bodyStream)).toBe('ab');
  });

  it('streams a PluginResponse body that is an async iterable, keeping its status and headers', async () => {
    async function* parts(): AsyncGenerator<string> {
      yield 'x';
      yield 'y';
    }
    const response = toHttpResponse(PluginResponse.stream(parts(), { 'content-type': 'text/csv', 'content-length': '2' }, 201));
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ 'content-type': ['text/csv'], 'content-length': ['2'] });
    expect(await text(response.bodyStream)).toBe('xy');
  });

  it('formats server-sent events, one "data:" line per line of text, objects as JSON', async () => {
    async function* events(): AsyncGenerator<string | { event: string; id: string; data: unknown }> {
      yield 'plain';
      yield { event: 'update', id: '7', data: { n: 1 } };
      yield { event: 'note', id: '8', data: 'two\nlines' };
    }
    const response = toHttpResponse(PluginResponse.sse(events()));
    expect(response.headers['content-type']).toEqual(['text/event-stream; charset=utf-8']);
    expect(response.headers['cache-control']).toEqual(['no-cache']);
    expect(await text(response.bodyStream)).toBe(
      'data: plain\n\nevent: update\nid: 7\ndata: {"n":1}\n\nevent: note\nid: 8\ndata: two\ndata: lines\n\n',
    );
  });
});
