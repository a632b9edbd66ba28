import { createServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { json, open, send } from '../support/http-client';
import { probeEvents, probeId, within } from '../support/probe-events';
import { ProbeHost, ProbeKind, startProbeHost } from '../support/probe-host.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { startUnaryOnlyPlugin, UnaryOnlyPlugin } from '../support/unary-only.plugin';
import { sha256 } from '../support/pattern-body';

// Real sockets and 20 MiB bodies on a shared machine: more than Jest's default 5 s.
jest.setTimeout(60_000);

const MiB = 1024 * 1024;
const TIMEOUT_MS = 400;

/** Starts a GET and destroys it once the plugin reports it has been entered. */
async function abandon(url: string, id: string, afterHead: boolean): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      if (!afterHead) return;
      res.once('data', () => probeEvents.when(`${id}:entered`).then(() => req.destroy()));
    });
    req.on('error', () => resolve()); // the error is ours: we destroyed the request
    req.on('close', () => resolve());
    req.end();
    if (!afterHead) probeEvents.when(`${id}:entered`).then(() => req.destroy(), reject);
  });
}

/** A loopback address where nothing listens. */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

describe.each(['external', 'built-in'] as const)('deadlines and cancellation (%s plugin)', (kind: ProbeKind) => {
  let host: ProbeHost;

  beforeAll(async () => {
    host = await startProbeHost(kind, { requestTimeoutMs: TIMEOUT_MS });
  });

  afterAll(async () => {
    await host.close();
  });

  it("answers 504 naming the plugin past the plugin's request timeout, and the handler's signal aborts", async () => {
    const id = probeId('deadline');
    const started = Date.now();
    const res = await send(`${host.url}/api/probe/wait/${id}`);
    expect(res.status).toBe(504);
    expect(json(res)).toMatchObject({ error: 'Gateway Timeout', plugin: 'probe' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    await within(probeEvents.when(`${id}:aborted`), 5000, "the handler's AbortSignal firing");
  });

  it('aborts the handler when the client goes away before the response head', async () => {
    const id = probeId('gone-before-head');
    await abandon(`${host.url}/api/probe/wait/${id}`, id, false);
    await within(probeEvents.when(`${id}:aborted`), 5000, "the handler's AbortSignal firing");
  });

  it('stops a streamed body and aborts the handler when the client goes away half-way', async () => {
    const id = probeId('gone-mid-body');
    await abandon(`${host.url}/api/probe/hold/${id}`, id, true);
    await within(probeEvents.when(`${id}:aborted`), 5000, "the handler's AbortSignal firing");
  });

  it('bounds only the wait for the head: a streamed response may outlast the timeout', async () => {
    const id = probeId('long-sse');
    const res = await open(`${host.url}/api/probe/sse/${id}`);
    expect(res.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => res.on('end', resolve).on('error', reject));
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2)); // time passing is the point
    probeEvents.fire(`${id}:gate`);
    await ended;
    expect(res.complete).toBe(true);
    expect(Buffer.concat(chunks).toString()).toContain('data: second');
  });

  it('does not cut a streamed upload that takes longer than the timeout while it keeps moving', async () => {
    const pieces = Array.from({ length: 8 }, () => randomBytes(4096));
    const slowly = async function* (): AsyncGenerator<Buffer> {
      for (const piece of pieces) {
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS / 4));
        yield piece;
      }
    };
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${host.url}/api/probe/hash-stream`, { method: 'POST' }, async (response) => {
        let body = '';
        for await (const chunk of response) body += chunk;
        resolve({ status: response.statusCode ?? 0, body });
      });
      req.on('error', reject);
      (async () => {
        for await (const piece of slowly()) req.write(piece);
        req.end();
      })().catch(reject);
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ bytes: 8 * 4096, sha256: sha256(Buffer.concat(pieces)) });
  });
});

describe('body limits (413)', () => {
  it('refuses a body over max_body_bytes for a buffered route of a built-in plugin, not for a streaming one', async () => {
    const host = await startProbeHost('built-in', { maxBodyBytes: MiB });
    try {
      const body = randomBytes(2 * MiB);
      const refused = await send(`${host.url}/api/probe/hash`, { method: 'POST', body });
      expect(refused.status).toBe(413);
      expect(json(refused)).toMatchObject({ error: 'Payload Too Large', plugin: 'probe' });
      const chunked = await send(`${host.url}/api/probe/hash`, { method: 'POST', body: [body.subarray(0, MiB), body.subarray(MiB)] });
      expect(chunked.status).toBe(413);
      const streamed = await send(`${host.url}/api/probe/hash-stream`, { method: 'POST', body });
      expect(streamed.status).toBe(200);
      expect(json(streamed)).toEqual({ bytes: body.length, sha256: sha256(body) });
    } finally {
      await host.close();
    }
  });

  it("refuses a body over an external plugin's own limit for its buffered routes, naming the plugin", async () => {
    const host = await startProbeHost('external', { pluginMaxMessageBytes: MiB });
    try {
      const body = randomBytes(2 * MiB);
      const refused = await send(`${host.url}/api/probe/hash`, { method: 'POST', body });
      expect(refused.status).toBe(413);
      expect(json(refused)).toMatchObject({ error: 'Payload Too Large', plugin: 'probe' });
      const streamed = await send(`${host.url}/api/probe/hash-stream`, { method: 'POST', body });
      expect(json(streamed)).toEqual({ bytes: body.length, sha256: sha256(body) });
    } finally {
      await host.close();
    }
  });
});

describe('a plugin reached over the unary HandleHTTP only', () => {
  let plugin: UnaryOnlyPlugin;
  let host: ListeningHost;

  beforeAll(async () => {
    plugin = await startUnaryOnlyPlugin();
    host = await startListeningHost({
      plugins: [{ name: 'legacy', enabled: true, address: plugin.address, requestTimeoutMs: TIMEOUT_MS, maxBodyBytes: MiB }],
    });
  });

  afterAll(async () => {
    await host.close();
    await plugin.close();
  });

  it('answers 413 with a JSON body for a body over max_body_bytes, declared or chunked', async () => {
    const body = randomBytes(MiB + 1);
    const declared = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body });
    expect(declared.status).toBe(413);
    expect(json(declared)).toMatchObject({ error: 'Payload Too Large', plugin: 'legacy' });
    const chunked = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body: [body.subarray(0, 1000), body.subarray(1000)] });
    expect(chunked.status).toBe(413);
    const within = await send(`${host.url}/api/legacy/mirror`, { method: 'POST', body: body.subarray(0, MiB) });
    expect(within.status).toBe(200);
    expect(sha256(within.body)).toBe(sha256(body.subarray(0, MiB)));
  });

  it('answers 504 past the deadline and the plugin sees its call cancelled', async () => {
    const id = probeId('legacy-deadline');
    const res = await send(`${host.url}/api/legacy/wait/${id}`);
    expect(res.status).toBe(504);
    expect(json(res)).toMatchObject({ error: 'Gateway Timeout', plugin: 'legacy' });
    await within(probeEvents.when(`${id}:aborted`), 5000, 'the plugin seeing its call cancelled');
  });

  it('cancels the call when the client goes away', async () => {
    const id = probeId('legacy-gone');
    await abandon(`${host.url}/api/legacy/wait/${id}`, id, false);
    await within(probeEvents.when(`${id}:aborted`), 5000, 'the plugin seeing its call cancelled');
  });

  it('answers 502 naming the plugin when the plugin fails the call', async () => {
    const res = await send(`${host.url}/api/legacy/fail`);
    expect(res.status).toBe(502);
    expect(json(res)).toMatchObject({ error: 'Bad Gateway', plugin: 'legacy', message: expect.stringContaining('the legacy plugin broke') });
  });

  it("passes the plugin's own 404 for a route it does not have", async () => {
    const res = await send(`${host.url}/api/legacy/nope`);
    expect(res.status).toBe(404);
    expect(json(res)).toMatchObject({ error: 'Not Found', plugin: 'legacy' });
  });
});

describe('a plugin that is not running', () => {
  it('answers 503 with Retry-After and a JSON body naming the plugin', async () => {
    const host = await startListeningHost({
      plugins: [{ name: 'probe', enabled: true, address: await deadAddress(), requestTimeoutMs: 5000 }],
    });
    try {
      const res = await send(`${host.url}/api/probe/echo/x`, { method: 'POST', body: Buffer.from('a body') });
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(json(res)).toMatchObject({ error: 'Service Unavailable', plugin: 'probe' });
    } finally {
      await host.close();
    }
  });
});
