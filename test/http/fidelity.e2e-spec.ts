import { randomBytes } from 'node:crypto';
import { json, send } from '../support/http-client';
import { sha256 } from '../support/pattern-body';
import { ProbeHost, startProbeHost } from '../support/probe-host.fixture';

// Real sockets and 20 MiB bodies on a shared machine: more than Jest's default 5 s.
jest.setTimeout(60_000);

const MiB = 1024 * 1024;

interface Echo {
  method: string;
  path: string;
  relativePath: string;
  query: string;
  queryParams: Record<string, string[]>;
  params: Record<string, string>;
  headers: Record<string, string[]>;
  bodyBytes: number;
}

/** The same requests through an external plugin (HandleHTTPStream) and a built-in one. */
describe.each(['external', 'built-in'] as const)('HTTP through the host is faithful (%s plugin)', (kind) => {
  let host: ProbeHost;

  beforeAll(async () => {
    host = await startProbeHost(kind);
  });

  afterAll(async () => {
    await host.close();
  });

  it('passes the method, the raw path, repeated query keys and encoded characters unchanged', async () => {
    const query = 'x=1&x=2&y=%26%3D&empty=&z=caf%C3%A9&plus=a+b';
    const res = await send(`${host.url}/api/probe/echo/a%20b/%E2%9C%93?${query}`, { method: 'PATCH' });
    expect(res.status).toBe(200);
    const echo = json<Echo>(res);
    expect(echo.method).toBe('PATCH');
    expect(echo.path).toBe('/api/probe/echo/a%20b/%E2%9C%93');
    expect(echo.relativePath).toBe('/echo/a%20b/%E2%9C%93');
    expect(echo.query).toBe(query);
    expect(echo.queryParams).toEqual({ x: ['1', '2'], y: ['&='], empty: [''], z: ['café'], plus: ['a b'] });
    expect(echo.params.rest).toBe('a b/✓');
  });

  it('forwards request headers with every value, drops hop-by-hop ones, and adds X-Forwarded-*', async () => {
    const res = await send(`${host.url}/api/probe/echo/headers`, {
      method: 'POST',
      headers: {
        'x-custom': ['one', 'two'],
        connection: 'keep-alive, x-hop-private',
        'x-hop-private': 'must not pass',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic c2VjcmV0',
        upgrade: 'h2c',
        'x-forwarded-for': '203.0.113.9',
      },
      body: [Buffer.from('sent '), Buffer.from('chunked')],
    });
    const { headers, bodyBytes } = json<Echo>(res);
    expect(bodyBytes).toBe(12);
    expect(headers['x-custom']).toEqual(['one', 'two']);
    for (const dropped of ['connection', 'x-hop-private', 'keep-alive', 'te', 'proxy-authorization', 'upgrade', 'transfer-encoding']) {
      expect(headers[dropped]).toBeUndefined();
    }
    expect(headers['x-forwarded-for']).toEqual(['203.0.113.9, 127.0.0.1']);
    expect(headers['x-forwarded-proto']).toEqual(['http']);
    expect(headers['x-forwarded-host']).toEqual([host.url.slice('http://'.length)]);
    expect(headers.host).toEqual([host.url.slice('http://'.length)]);
  });

  it('returns two Set-Cookie headers as two header lines', async () => {
    const res = await send(`${host.url}/api/probe/cookies`);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    const lines = res.rawHeaders.filter((_value, i) => i % 2 === 0 && res.rawHeaders[i].toLowerCase() === 'set-cookie');
    expect(lines).toHaveLength(2);
  });

  it.each([204, 304])('returns status %i without a body', async (code) => {
    const res = await send(`${host.url}/api/probe/status/${code}`);
    expect(res.status).toBe(code);
    expect(res.headers['x-status']).toBe(String(code));
    expect(res.body.length).toBe(0);
  });

  it.each([201, 404, 418, 500, 503])('returns status %i with its body unchanged', async (code) => {
    const res = await send(`${host.url}/api/probe/status/${code}`);
    expect(res.status).toBe(code);
    expect(res.body.toString()).toBe(`body of ${code}`);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('returns an empty body as an empty body', async () => {
    const res = await send(`${host.url}/api/probe/empty`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body.length).toBe(0);
  });

  describe.each([
    ['1 byte', 1],
    ['20 MiB', 20 * MiB],
  ])('a random binary body of %s', (_label, size) => {
    const body = randomBytes(size);
    const digest = sha256(body);

    it.each(['hash', 'hash-stream'])('reaches a %s route byte for byte', async (route) => {
      const res = await send(`${host.url}/api/probe/${route}`, { method: 'POST', body });
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ bytes: size, sha256: digest });
    });

    it.each(['mirror', 'mirror-stream'])('comes back from a %s route byte for byte', async (route) => {
      const res = await send(`${host.url}/api/probe/${route}`, { method: 'POST', body });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(size);
      expect(sha256(res.body)).toBe(digest);
    });

    it('is downloaded byte for byte', async () => {
      const res = await send(`${host.url}/api/probe/random/${size}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.body.length).toBe(size);
      expect(sha256(res.body)).toBe(res.headers['x-sha256']);
    });
  });

  it.each([
    ['status 0', 'bad/status/0', /invalid status code 0/],
    ['status 999', 'bad/status/999', /invalid status code 999/],
    ['a 1xx status', 'bad/status/101', /invalid status code 101/],
    ['a header name with CR/LF', 'bad/header-name', /invalid header name/],
    ['a header value with CR/LF', 'bad/header-value', /invalid value for header "x-split"/],
  ])('answers 502 naming the plugin when it sends %s, and keeps serving', async (_what, route, message) => {
    const res = await send(`${host.url}/api/probe/${route}`);
    expect(res.status).toBe(502);
    expect(res.headers['x-injected']).toBeUndefined();
    expect(json(res)).toMatchObject({ error: 'Bad Gateway', plugin: 'probe', message: expect.stringMatching(message) });
    const after = await send(`${host.url}/api/probe/echo/after`);
    expect(after.status).toBe(200);
  });

  it("drops the hop-by-hop headers of the plugin's response", async () => {
    const res = await send(`${host.url}/api/probe/hop`);
    expect(res.status).toBe(200);
    expect(res.headers['x-kept']).toBe('yes');
    expect(res.headers['x-private']).toBeUndefined();
    expect(res.headers['proxy-authenticate']).toBeUndefined();
    expect(res.headers.trailer).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=99');
    expect(res.body.toString()).toBe('hop');
  });

  it("answers 404 naming the plugin for a path none of the plugin's routes match", async () => {
    const res = await send(`${host.url}/api/probe/no/such/route`);
    expect(res.status).toBe(404);
    expect(json(res)).toMatchObject({ error: 'Not Found', plugin: 'probe' });
  });

  it('takes only the exact plugin segment: /api/probe?x and /api/probe/ reach the plugin, /api/probex does not', async () => {
    for (const url of ['/api/probe?x=1', '/api/probe/']) {
      const res = await send(`${host.url}${url}`);
      expect(res.status).toBe(404);
      expect(json(res)).toMatchObject({ error: 'Not Found', plugin: 'probe', message: expect.stringContaining('No route for GET /api/probe') });
    }
    const other = await send(`${host.url}/api/probex/echo/a`);
    expect(other.status).toBe(404);
    expect(json(other)).toMatchObject({ plugin: 'probex', message: 'No plugin named "probex" is registered.' });
  });

  it("leaves the host's own routes to the host", async () => {
    const res = await send(`${host.url}/api/plugins`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body.toString()).toContain('"probe"');
  });
});
