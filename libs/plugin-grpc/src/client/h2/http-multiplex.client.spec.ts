import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { Module } from '@nestjs/common';
import { HttpHeaders, PluginHttpRequest, PluginHttpResponse } from '@qntx/domains';
import { Plugin } from '../../decorators/plugin.decorator';
import { PluginRoute } from '../../decorators/plugin-route.decorator';
import { PluginRequest } from '../../interfaces/plugin-context.interface';
import { PluginResponse } from '../../adapter/plugin-response';
import { currentRequestId } from '../../logging/request-context';
import { PluginFactory, RunningPlugin } from '../../server/plugin-factory';
import { loadDomainService } from '../../protocol/protocol.loader';
import { headersFromWire } from '../../protocol/protocol.mapping';
import { messageCodec } from '../../protocol/protocol-codecs';
import { WireHttpExchangeFrame } from '../../protocol/protocol.types';
import { HTTP_EXCHANGE_WINDOW, TOKEN_METADATA_KEY } from '../../plugin-grpc.constants';
import { PluginClient } from '../plugin-client';
import { H2GrpcChannel } from './h2-grpc.channel';
import { EXCHANGE_EXTRA_CREDIT, HttpMultiplexClient, MultiplexUnsupportedError } from './http-multiplex.client';

const TOKEN = 'mux-token';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const WHOLE_BODY = randomBytes(1024 * 1024);
const STREAMED_BODY = randomBytes(2 * 1024 * 1024 + 12_345);
const FLOOD_CHUNK_BYTES = 64 * 1024;
const FLOOD_CHUNKS = 128; // 8 MiB

/** Chunk `i` of the flood route: every byte is `i % 256`, so order and completeness can be checked. */
const floodChunk = (i: number): Buffer => Buffer.alloc(FLOOD_CHUNK_BYTES, i % 256);

/** Uneven slices of STREAMED_BODY (some under, some over a 64 KiB frame), as a Readable would give them. */
function unevenSlices(body: Buffer): Buffer[] {
  const sizes = [1, 1000, 65_535, 65_536, 65_537, 200_000, 7];
  const slices: Buffer[] = [];
  for (let at = 0, i = 0; at < body.length; i++) {
    const size = sizes[i % sizes.length];
    slices.push(body.subarray(at, at + size));
    at += size;
  }
  return slices;
}

/** A plugin whose routes let the tests watch, from the plugin side, what the host's exchanges did. */
@Plugin({ name: 'mux', version: '0.0.1', qntxVersion: '>= 0.1.0', description: 'Multiplex probe', author: 'tests', license: 'MIT' })
class MultiplexProbePlugin {
  /** Flood chunks the route's generator has yielded, by key. */
  readonly floodYielded = new Map<string, number>();
  /** Flood generators that were closed (finished or stopped early), by key. */
  readonly floodClosed = new Set<string>();
  /** Hanging routes that started, and those whose request signal fired abort. */
  readonly hangStarted = new Set<string>();
  readonly hangAborted = new Set<string>();

  @PluginRoute('POST', 'echo')
  echo(req: PluginRequest) {
    return new PluginResponse(201, req.body, {
      'content-type': req.header('content-type') ?? 'application/octet-stream',
      'x-query': req.query,
      'x-seen': req.headers['x-multi'] ?? [],
      'x-request-id-seen': currentRequestId() ?? '(none)',
      'set-cookie': ['a=1', 'b=2'],
    });
  }

  @PluginRoute('GET', 'whoami')
  whoami(req: PluginRequest) {
    return { method: req.method, relativePath: req.relativePath, query: req.query, requestId: currentRequestId() ?? null };
  }

  @PluginRoute('GET', 'wait/:ms/:tag')
  async wait(req: PluginRequest) {
    await sleep(Number(req.params.ms));
    return { tag: req.params.tag };
  }

  @PluginRoute('GET', 'whole')
  whole() {
    return WHOLE_BODY;
  }

  @PluginRoute('GET', 'streamed')
  streamed() {
    return PluginResponse.stream(Readable.from(unevenSlices(STREAMED_BODY)));
  }

  @PluginRoute('GET', 'flood/:key')
  flood(req: PluginRequest) {
    const key = req.params.key;
    const yielded = this.floodYielded;
    const closed = this.floodClosed;
    const count = Number(req.queryParams.get('chunks') ?? FLOOD_CHUNKS);
    yielded.set(key, 0);
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for (let i = 0; i < count; i++) {
          yielded.set(key, i + 1);
          yield floodChunk(i);
        }
      } finally {
        closed.add(key);
      }
    }
    return PluginResponse.stream(chunks());
  }

  @PluginRoute('GET', 'hang/:key')
  hang(req: PluginRequest) {
    const key = req.params.key;
    this.hangStarted.add(key);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ key, aborted: false }), 10_000);
      req.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        this.hangAborted.add(key);
        resolve({ key, aborted: true });
      });
    });
  }

  @PluginRoute('GET', 'crash')
  crash() {
    throw new Error('probe exploded');
  }

  @PluginRoute('GET', 'broken-body')
  brokenBody() {
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(100_000, 1);
      throw new Error('the disk went away');
    }
    return PluginResponse.stream(chunks());
  }
}

@Module({ providers: [MultiplexProbePlugin] })
class MultiplexProbeModule {}

function request(method: string, pathAndQuery: string, init: { body?: Buffer; headers?: HttpHeaders; signal?: AbortSignal } = {}): PluginHttpRequest {
  const [path, query = ''] = pathAndQuery.split('?');
  return {
    method,
    path: `/api/mux${path}`,
    relativePath: '',
    query,
    headers: init.headers ?? {},
    body: init.body ?? Buffer.alloc(0),
    params: {},
    signal: init.signal,
  };
}

async function bodyOf(response: PluginHttpResponse): Promise<Buffer> {
  if (!response.bodyStream) return response.body;
  const chunks: Buffer[] = [];
  for await (const chunk of response.bodyStream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const jsonOf = async (response: PluginHttpResponse): Promise<unknown> => JSON.parse((await bodyOf(response)).toString());

/** The error a promise rejects with (null when it resolves), for assertions on its `code`. */
const errorOf = (promise: Promise<unknown>): Promise<{ code?: number } | null> =>
  promise.then(
    () => null,
    (error: { code?: number }) => error,
  );

/** Waits for something the plugin does on its own time (a route starting, a signal firing). */
async function until(what: string, condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(5);
  }
}

function channelTo(address: string): H2GrpcChannel {
  return new H2GrpcChannel(address, { metadata: { [TOKEN_METADATA_KEY]: TOKEN }, maxMessageBytes: MAX_MESSAGE_BYTES });
}

const startProbe = (port = 0): Promise<RunningPlugin> =>
  PluginFactory.create(MultiplexProbeModule, { port, token: TOKEN, logger: false });

/** The host's HttpMultiplexClient against a real SDK plugin server, over the lean HTTP/2 channel. */
describe('HttpMultiplexClient ↔ SDK plugin (HandleHTTPMultiplex)', () => {
  let running: RunningPlugin;
  let probe: MultiplexProbePlugin;
  let channel: H2GrpcChannel;
  let client: HttpMultiplexClient;

  beforeAll(async () => {
    running = await startProbe();
    probe = running.app.get(MultiplexProbePlugin);
    channel = channelTo(running.address);
    client = new HttpMultiplexClient(channel);
  });

  afterAll(async () => {
    client.close();
    channel.close();
    await running.close();
  });

  it('round-trips a GET and a POST with a binary body, the query and repeated headers', async () => {
    const body = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0]);
    const posted = await client.exchange(
      request('POST', '/echo?a=1&a=2&q=%C3%A9', { body, headers: { 'content-type': ['application/x-thing'], 'x-multi': ['one', 'two'] } }),
      undefined,
    );
    expect(posted.status).toBe(201);
    expect(posted.bodyStream).toBeUndefined();
    expect(Buffer.compare(posted.body, body)).toBe(0);
    expect(posted.headers['content-type']).toEqual(['application/x-thing']);
    expect(posted.headers['x-query']).toEqual(['a=1&a=2&q=%C3%A9']);
    expect(posted.headers['x-seen']).toEqual(['one', 'two']);
    expect(posted.headers['set-cookie']).toEqual(['a=1', 'b=2']);

    const got = await client.exchange(request('GET', '/whoami?x=y'), undefined);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toEqual(['application/json; charset=utf-8']);
    expect(await jsonOf(got)).toEqual({ method: 'GET', relativePath: '/whoami', query: 'x=y', requestId: null });
  });

  it('runs the route inside the request id passed with the exchange (the X-Request-Id its log lines carry)', async () => {
    const got = await client.exchange(request('GET', '/whoami'), 'req-42');
    expect(await jsonOf(got)).toMatchObject({ requestId: 'req-42' });
    const posted = await client.exchange(request('POST', '/echo', { body: Buffer.from('x') }), 'req-43');
    expect(posted.headers['x-request-id-seen']).toEqual(['req-43']);
  });

  it('answers 200 concurrent exchanges on one call, each with its own response, even when the routes finish out of order', async () => {
    // Earlier requests wait longest, so the answers come back roughly in reverse order.
    const count = 200;
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) => client.exchange(request('GET', `/wait/${(count - i) % 50}/tag-${i}`), `r-${i}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(count).fill(200));
    const tags = await Promise.all(answers.map(async (a) => ((await jsonOf(a)) as { tag: string }).tag));
    expect(tags).toEqual(Array.from({ length: count }, (_, i) => `tag-${i}`));
  });

  it('delivers a 1 MiB whole body and a 2 MiB streamed body byte for byte', async () => {
    const [whole, streamed] = await Promise.all([
      client.exchange(request('GET', '/whole'), undefined),
      client.exchange(request('GET', '/streamed'), undefined),
    ]);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toEqual([String(WHOLE_BODY.length)]);
    expect(whole.headers['content-type']).toEqual(['application/octet-stream']);
    const wholeBytes = await bodyOf(whole);
    expect(wholeBytes.length).toBe(WHOLE_BODY.length);
    expect(wholeBytes.equals(WHOLE_BODY)).toBe(true);

    expect(streamed.status).toBe(200);
    expect(streamed.headers['content-length']).toBeUndefined();
    const streamedBytes = await bodyOf(streamed);
    expect(streamedBytes.length).toBe(STREAMED_BODY.length);
    expect(streamedBytes.equals(STREAMED_BODY)).toBe(true);
  });

  it('lets the plugin run only its window (1 MiB) ahead of a reader that does not read, without stalling other exchanges', async () => {
    const response = await client.exchange(request('GET', '/flood/idle-reader'), undefined);
    expect(response.status).toBe(200);
    await sleep(300);
    const produced = probe.floodYielded.get('idle-reader')! * FLOOD_CHUNK_BYTES;
    // The window and the host's extra grant with the head are sent; the generator is at most a
    // chunk or two past them, nowhere near 8 MiB.
    const window = HTTP_EXCHANGE_WINDOW + EXCHANGE_EXTRA_CREDIT;
    expect(produced).toBeGreaterThanOrEqual(window);
    expect(produced).toBeLessThanOrEqual(window + 2 * FLOOD_CHUNK_BYTES);

    // The stalled exchange holds up only itself.
    const other = await client.exchange(request('GET', '/wait/0/beside'), undefined);
    expect(await jsonOf(other)).toEqual({ tag: 'beside' });

    const body = await bodyOf(response);
    expect(body.length).toBe(FLOOD_CHUNK_BYTES * FLOOD_CHUNKS);
    for (let i = 0; i < FLOOD_CHUNKS; i++) {
      const chunk = body.subarray(i * FLOOD_CHUNK_BYTES, (i + 1) * FLOOD_CHUNK_BYTES);
      expect(chunk.equals(floodChunk(i))).toBe(true);
    }
    expect(probe.floodClosed.has('idle-reader')).toBe(true);
  });

  it('stops the route body when the reader stops early, and keeps the call for the next exchange', async () => {
    const response = await client.exchange(request('GET', '/flood/early-stop'), undefined);
    for await (const chunk of response.bodyStream!) {
      expect(Buffer.from(chunk as Uint8Array).equals(floodChunk(0))).toBe(true);
      break; // return(): the exchange is reset
    }
    await until('the route body closed', () => probe.floodClosed.has('early-stop'));
    expect(probe.floodYielded.get('early-stop')).toBeLessThan(FLOOD_CHUNKS);
    const next = await client.exchange(request('GET', '/wait/0/after-early-stop'), undefined);
    expect(await jsonOf(next)).toEqual({ tag: 'after-early-stop' });
  });

  it('rejects an exchange promptly when its signal aborts, aborts the route signal in the plugin, and keeps working', async () => {
    const controller = new AbortController();
    const pending = client.exchange(request('GET', '/hang/aborted', { signal: controller.signal }), undefined);
    await until('the route started', () => probe.hangStarted.has('aborted'));
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - abortedAt).toBeLessThan(200);
    await until('the route signal aborted', () => probe.hangAborted.has('aborted'), 1000);

    const next = await client.exchange(request('GET', '/wait/0/after-abort'), undefined);
    expect(await jsonOf(next)).toEqual({ tag: 'after-abort' });
  });

  it('rejects at once, without sending, an exchange whose signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.exchange(request('GET', '/hang/never-sent', { signal: controller.signal }), undefined)).rejects.toMatchObject({
      name: 'AbortError',
    });
    await sleep(50);
    expect(probe.hangStarted.has('never-sent')).toBe(false);
  });

  it('fails a response body with the abort reason when the signal aborts after the head arrived', async () => {
    const controller = new AbortController();
    const response = await client.exchange(request('GET', '/flood/abort-mid-body', { signal: controller.signal }), undefined);
    const reader = response.bodyStream![Symbol.asyncIterator]();
    await reader.next();
    controller.abort();
    await expect(bodyOf({ ...response, bodyStream: { [Symbol.asyncIterator]: () => reader } })).rejects.toMatchObject({ name: 'AbortError' });
    await until('the route body closed', () => probe.floodClosed.has('abort-mid-body'));
  });

  describe('a route that throws answers as it does over HandleHTTP', () => {
    let unary: PluginClient;

    beforeAll(() => {
      unary = new PluginClient(running.address, { token: TOKEN, timeoutMs: 5000 });
    });
    afterAll(() => unary.close());

    it('turns a plain Error into the same 500 JSON answer, not a reset', async () => {
      const viaHandleHttp = await unary.handleHttp({ method: 'GET', path: '/api/mux/crash', headers: [], body: Buffer.alloc(0) });
      const viaMultiplex = await client.exchange(request('GET', '/crash'), undefined);
      expect(viaMultiplex.status).toBe(500);
      expect(viaMultiplex.status).toBe(viaHandleHttp.status_code);
      expect(viaMultiplex.headers).toEqual(headersFromWire(viaHandleHttp.headers));
      const body = await bodyOf(viaMultiplex);
      expect(body.equals(viaHandleHttp.body)).toBe(true);
      expect(JSON.parse(body.toString())).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'probe exploded' });
    });

    it('fails a body that breaks off with INTERNAL, as HandleHTTP fails its call', async () => {
      const viaHandleHttp = unary.handleHttp({ method: 'GET', path: '/api/mux/broken-body', headers: [], body: Buffer.alloc(0) });
      await expect(viaHandleHttp).rejects.toMatchObject({ code: grpc.status.INTERNAL });

      const viaMultiplex = await client.exchange(request('GET', '/broken-body'), undefined);
      expect(viaMultiplex.status).toBe(200);
      await expect(bodyOf(viaMultiplex)).rejects.toMatchObject({ code: grpc.status.INTERNAL });
      // Only that exchange failed: the call carries on.
      expect(await jsonOf(await client.exchange(request('GET', '/wait/0/after-break'), undefined))).toEqual({ tag: 'after-break' });
    });
  });
});

/** A plugin built before HandleHTTPMultiplex: the same service, that method unimplemented. */
async function startOldPlugin(port = 0): Promise<{ server: grpc.Server; address: string }> {
  const server = new grpc.Server();
  server.addService(loadDomainService().service, {
    HandleHTTP: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) =>
      callback(null, { status_code: 200, headers: [], body: Buffer.from('old') }),
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { server, address: `127.0.0.1:${bound}` };
}

describe('HttpMultiplexClient against a plugin without HandleHTTPMultiplex', () => {
  it('refuses every open exchange with MultiplexUnsupportedError, remembers it until forget(), then uses the method once the plugin has it', async () => {
    const old = await startOldPlugin();
    const channel = channelTo(old.address);
    const client = new HttpMultiplexClient(channel);
    let restarted: RunningPlugin | null = null;
    try {
      expect(client.usable).toBe(true);
      const first = client.exchange(request('GET', '/whoami'), undefined);
      const second = client.exchange(request('POST', '/echo', { body: Buffer.from('x') }), undefined);
      await expect(first).rejects.toBeInstanceOf(MultiplexUnsupportedError);
      await expect(second).rejects.toBeInstanceOf(MultiplexUnsupportedError);
      expect(client.usable).toBe(false);

      // The plugin is replaced by a build that has the method, on the same address.
      old.server.forceShutdown();
      // A real restart takes far longer than the old connection takes to close; the new plugin
      // would otherwise bind before this process has even read the old server's GOAWAY.
      await sleep(100);
      restarted = await startProbe(Number(old.address.split(':')[1]));
      // Still remembered: refused without reaching the plugin.
      await expect(client.exchange(request('GET', '/hang/remembered'), undefined)).rejects.toBeInstanceOf(MultiplexUnsupportedError);
      await sleep(50);
      expect(restarted.app.get(MultiplexProbePlugin).hangStarted.has('remembered')).toBe(false);

      client.forget();
      expect(client.usable).toBe(true);
      const answer = await client.exchange(request('GET', '/whoami'), undefined);
      expect(answer.status).toBe(200);
      expect(client.usable).toBe(true);
    } finally {
      client.close();
      channel.close();
      old.server.forceShutdown();
      await restarted?.close();
    }
  });
});

describe('HttpMultiplexClient when the call breaks', () => {
  it('fails every open exchange with UNAVAILABLE or CANCELLED when the plugin server is shut down', async () => {
    const running = await startProbe();
    const probe = running.app.get(MultiplexProbePlugin);
    const channel = channelTo(running.address);
    const client = new HttpMultiplexClient(channel);
    try {
      const hanging = [1, 2, 3].map((i) => client.exchange(request('GET', `/hang/shutdown-${i}`), undefined));
      const midBody = await client.exchange(request('GET', '/flood/shutdown'), undefined);
      await until('the routes started', () => [1, 2, 3].every((i) => probe.hangStarted.has(`shutdown-${i}`)));

      running.app.unwrap<grpc.Server>().forceShutdown();

      const codes = [grpc.status.UNAVAILABLE, grpc.status.CANCELLED];
      for (const pending of hanging) expect(codes).toContain((await errorOf(pending))?.code);
      expect(codes).toContain((await errorOf(bodyOf(midBody)))?.code);
      // The route of each broken exchange is told its client is gone.
      await until('the route signals aborted', () => [1, 2, 3].every((i) => probe.hangAborted.has(`shutdown-${i}`)));
    } finally {
      client.close();
      channel.close();
      await running.close();
    }
  });

  it('opens a new call for the next exchange after the call failed, on a plugin that is still up', async () => {
    const running = await startProbe();
    const probe = running.app.get(MultiplexProbePlugin);
    const channel = channelTo(running.address);
    const client = new HttpMultiplexClient(channel);
    try {
      expect(await jsonOf(await client.exchange(request('GET', '/wait/0/before'), undefined))).toEqual({ tag: 'before' });
      const pending = client.exchange(request('GET', '/hang/drained'), undefined);
      await until('the route started', () => probe.hangStarted.has('drained'));

      // The server drops its connections but keeps listening.
      running.app.unwrap<grpc.Server>().drain(running.address, 0);

      expect([grpc.status.UNAVAILABLE, grpc.status.CANCELLED]).toContain((await errorOf(pending))?.code);
      await until('the route signal aborted', () => probe.hangAborted.has('drained'));

      expect(await jsonOf(await client.exchange(request('GET', '/wait/0/after'), undefined))).toEqual({ tag: 'after' });
      expect(client.usable).toBe(true);
    } finally {
      client.close();
      channel.close();
      await running.close();
    }
  });

  it('rejects exchanges without the plugin token as UNAUTHENTICATED, and still counts the method as usable', async () => {
    const running = await startProbe();
    const stranger = new H2GrpcChannel(running.address, { maxMessageBytes: MAX_MESSAGE_BYTES });
    const client = new HttpMultiplexClient(stranger);
    try {
      await expect(client.exchange(request('GET', '/whoami'), undefined)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      expect(client.usable).toBe(true);
    } finally {
      client.close();
      stranger.close();
      await running.close();
    }
  });

  // A graceful stop of the plugin (PluginServer.close → grpc-js tryShutdown) sends GOAWAY; the
  // client must end its side of the call then, or the plugin (which ends the call only after the
  // host does) would wait out its whole grace period and cut whatever is in flight.
  it('lets the plugin stop gracefully, without waiting out its grace period, while the host holds an idle call', async () => {
    const running = await startProbe();
    const channel = channelTo(running.address);
    const client = new HttpMultiplexClient(channel);
    let closing: Promise<void> | null = null;
    try {
      expect((await client.exchange(request('GET', '/wait/0/idle'), undefined)).status).toBe(200);
      closing = running.close();
      const outcome = await Promise.race([closing.then(() => 'stopped'), sleep(1000).then(() => 'still stopping after 1 s')]);
      expect(outcome).toBe('stopped');
    } finally {
      client.close(); // the host half-closes: the plugin ends the idle call and the stop completes
      channel.close();
      await (closing ?? running.close());
    }
  });

  // After close() the old call is half-closed while its exchanges are answered, and the next
  // exchange opens a new call: the old call's end must fail only its own exchanges.
  it('answers an exchange started after close() on a new call, whatever becomes of the old one', async () => {
    const running = await startProbe();
    const channel = channelTo(running.address);
    const client = new HttpMultiplexClient(channel);
    try {
      const onOldCall = client.exchange(request('GET', '/wait/100/old'), undefined);
      await sleep(20);
      client.close();
      const onNewCall = client.exchange(request('GET', '/wait/300/new'), undefined);
      expect(await jsonOf(await onOldCall)).toEqual({ tag: 'old' });
      expect(await jsonOf(await onNewCall)).toEqual({ tag: 'new' });
    } finally {
      client.close();
      channel.close();
      await running.close();
    }
  });
});

const EXCHANGE_FRAME = messageCodec<WireHttpExchangeFrame>('protocol.HTTPExchangeFrame');

/** The plugin side (serveHttpMultiplex) driven frame by frame, where the host must misbehave on purpose. */
describe('HandleHTTPMultiplex plugin side under HTTP/2 backpressure', () => {
  // When the call's writes back up (the host reads its socket slowly) the plugin waits for
  // 'drain'; a call cancelled then never drains, and the waiting exchange must still end and
  // close its route's body source (a file, a cursor).
  it('closes the route body source of an exchange stuck on backpressure when the host cancels the call', async () => {
    const running = await startProbe();
    const probe = running.app.get(MultiplexProbePlugin);
    const channel = channelTo(running.address);
    try {
      const call = channel.start('/protocol.DomainPluginService/HandleHTTPMultiplex');
      let received = 0;
      call.on('message', (message: Buffer) => (received += message.length));
      const head = { method: 'GET', path: '/api/mux/flood/stuck?chunks=1024', status_code: 0, headers: [], end_of_body: true, body: Buffer.alloc(0) };
      call.write(EXCHANGE_FRAME.encode({ id: 1, head }));
      call.write(EXCHANGE_FRAME.encode({ id: 1, credit: 0xffffffff })); // flow control per exchange is not what stops it
      await until('the first frames arrived', () => received > 0);
      call.pause(); // the host stops reading: HTTP/2 flow control fills, the plugin's writes back up
      let yielded = -1;
      const deadline = Date.now() + 5000;
      while (probe.floodYielded.get('stuck') !== yielded && Date.now() < deadline) {
        yielded = probe.floodYielded.get('stuck')!;
        await sleep(100);
      }
      expect(yielded).toBeLessThan(1024); // stalled on backpressure, not finished

      call.cancel();
      await until('the route body closed', () => probe.floodClosed.has('stuck'), 1000);
    } finally {
      channel.close();
      await running.close();
    }
  });
});
