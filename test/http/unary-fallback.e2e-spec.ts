import { randomBytes } from 'node:crypto';
import { json, send } from '../support/http-client';
import { sha256 } from '../support/pattern-body';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { startUnaryOnlyPlugin, UnaryOnlyPlugin } from '../support/unary-only.plugin';

// Real sockets and 20 MiB bodies on a shared machine: more than Jest's default 5 s.
jest.setTimeout(60_000);

const MiB = 1024 * 1024;

async function hostFor(plugin: UnaryOnlyPlugin): Promise<ListeningHost> {
  return startListeningHost({
    plugins: [{ name: 'legacy', enabled: true, address: plugin.address, requestTimeoutMs: 10_000, maxBodyBytes: 32 * MiB }],
  });
}

describe('a plugin without HandleHTTPStream (a raw grpc-js server on the reference RPCs, no SDK)', () => {
  let plugin: UnaryOnlyPlugin;
  let host: ListeningHost;

  beforeAll(async () => {
    plugin = await startUnaryOnlyPlugin();
    host = await hostFor(plugin);
  });

  afterAll(async () => {
    await host.close();
    await plugin.close();
  });

  it('is served over HandleHTTP from its first request, a chunked body included', async () => {
    const body = randomBytes(5 * MiB);
    const res = await send(`${host.url}/api/legacy/mirror`, {
      method: 'POST',
      body: [body.subarray(0, 100), body.subarray(100, 3 * MiB), body.subarray(3 * MiB)],
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-sha256']).toBe(sha256(body));
    expect(sha256(res.body)).toBe(sha256(body));
  });

  it.each([
    ['1 byte', 1],
    ['20 MiB', 20 * MiB],
  ])('carries a random %s body both ways byte for byte', async (_label, size) => {
    const body = randomBytes(size);
    const res = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(size));
    expect(res.headers['x-sha256']).toBe(sha256(body));
    expect(sha256(res.body)).toBe(sha256(body));
  });

  it('returns its two Set-Cookie values as two header lines', async () => {
    const res = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body: Buffer.from('x') });
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('receives the full path with the query, and headers without hop-by-hop ones', async () => {
    const res = await send(`${host.url}/api/legacy/echo?a=1&a=2&b=%2F`, {
      headers: { 'x-one': '1', connection: 'keep-alive, x-gone', 'x-gone': 'no', te: 'trailers' },
    });
    const echo = json<{ method: string; path: string; headers: { name: string; values: string[] }[] }>(res);
    expect(echo.path).toBe('/api/legacy/echo?a=1&a=2&b=%2F');
    const names = echo.headers.map((header) => header.name);
    expect(names).toEqual(expect.arrayContaining(['x-one', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host']));
    expect(names.some((name) => ['connection', 'x-gone', 'te'].includes(name))).toBe(false);
  });
});

describe('a plugin with a HandleHTTPStream stub that answers UNIMPLEMENTED, declaring no http-stream', () => {
  it('is never asked for the stream: its Metadata declared only the reference protocol', async () => {
    const plugin = await startUnaryOnlyPlugin({ answersUnimplemented: true });
    const host = await hostFor(plugin);
    try {
      for (let i = 0; i < 3; i++) {
        const body = randomBytes(1000 + i);
        const res = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body });
        expect(res.status).toBe(200);
        expect(sha256(res.body)).toBe(sha256(body));
      }
      expect(plugin.streamAttempts()).toBe(0);
    } finally {
      await host.close();
      await plugin.close();
    }
  });
});

describe('a unary-only plugin configured for bodies over the default 64 MiB gRPC message limit', () => {
  it('carries a 70 MiB body both ways: the host raised its own message limit to max_body_bytes', async () => {
    const plugin = await startUnaryOnlyPlugin({ maxMessageBytes: 80 * MiB });
    const host = await startListeningHost({
      plugins: [{ name: 'legacy', enabled: true, address: plugin.address, requestTimeoutMs: 30_000, maxBodyBytes: 72 * MiB }],
    });
    try {
      const body = randomBytes(70 * MiB);
      const res = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(body.length);
      expect(sha256(res.body)).toBe(sha256(body));
    } finally {
      await host.close();
      await plugin.close();
    }
  });
});
