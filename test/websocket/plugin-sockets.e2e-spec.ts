import { once } from 'node:events';
import { DomainPlugin } from '@qntx/domains';
import { createBuiltinPlugin, PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { EchoSocketPluginModule, FloodProgress, SinkControl, socketObservations } from '../fixtures/echo-socket.plugin';
import { startListeningHost, ListeningHost } from '../support/listening-host.fixture';
import { openSocket } from '../support/websocket-client';

const MAX_FRAME = 256 * 1024;

jest.setTimeout(30_000);

/** The same behaviour whether the plugin runs behind gRPC or inside the host. */
describe.each(['external', 'built-in'] as const)('WebSockets to a plugin (%s)', (kind) => {
  let plugin: RunningPlugin | null = null;
  let host: ListeningHost;
  const url = (path: string): string => `${host.wsUrl}/ws/echo/${path}`;

  beforeAll(async () => {
    const webSocket = { maxFrameBytes: MAX_FRAME, highWaterMarkBytes: 256 * 1024 };
    if (kind === 'external') {
      plugin = await PluginFactory.create(EchoSocketPluginModule, { port: 0, logger: false });
      host = await startListeningHost({
        plugins: [{ name: 'echo', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
        webSocket,
      });
    } else {
      const builtin: DomainPlugin = await createBuiltinPlugin(EchoSocketPluginModule, { logger: false });
      host = await startListeningHost({ builtins: [builtin], webSocket });
    }
  });

  afterAll(async () => {
    await host.close();
    await plugin?.close();
  });

  it('echoes text and binary frames in order, each keeping its kind', async () => {
    const socket = await openSocket(url('echo'));
    const sent: (string | Buffer)[] = [];
    for (let i = 0; i < 50; i++) sent.push(i % 2 === 0 ? `text ${i} ✓` : Buffer.from([i, 0, 255, i]));
    for (const data of sent) socket.send(data);
    const received = await socket.waitFor(sent.length);
    expect(received).toEqual(sent);
    expect(received.map((data) => typeof data)).toEqual(sent.map((data) => typeof data));
    socket.ws.close(1000);
    expect((await socket.closed).code).toBe(1000);
  });

  it('serves 100 concurrent sockets, each isolated from the others', async () => {
    const sockets = await Promise.all(Array.from({ length: 100 }, () => openSocket(url('echo'))));
    sockets.forEach((socket, i) => {
      socket.send(`first from ${i}`);
      socket.send(Buffer.from(`second from ${i}`));
    });
    const replies = await Promise.all(sockets.map((socket) => socket.waitFor(2)));
    replies.forEach((reply, i) => expect(reply).toEqual([`first from ${i}`, Buffer.from(`second from ${i}`)]));
    sockets.forEach((socket) => socket.ws.close(1000));
    const closes = await Promise.all(sockets.map((socket) => socket.closed));
    expect(closes.every((closed) => closed.code === 1000)).toBe(true);
  });

  it('hands the handler its path, query and request headers', async () => {
    const socket = await openSocket(`${url('info')}?q=hello%20world`, { headers: { cookie: 'a=1', 'x-trace': 'abc' } });
    const [text] = await socket.waitFor(1);
    const info = JSON.parse(text as string);
    expect(info).toMatchObject({ path: 'info', query: 'hello world' });
    expect(info.headers).toMatchObject({ cookie: 'a=1', 'x-trace': 'abc', 'x-forwarded-for': '127.0.0.1' });
    expect(info.headers['sec-websocket-key']).toBeUndefined();
    expect(info.headers.upgrade).toBeUndefined();
    socket.ws.close(1000);
  });

  it("delivers the client's close code and reason to the handler, and aborts its signal", async () => {
    const id = `${kind}-client-close`;
    const socket = await openSocket(`${url('report-close')}?id=${id}`);
    await socket.waitFor(1);
    const seen = waitForObservation('closed', (event: { id: string }) => event.id === id);
    socket.ws.close(4321, 'client is done');
    expect(await seen).toEqual({ id, code: 4321, reason: 'client is done', aborted: true });
  });

  it('tells the handler 1006 when the client vanishes without a close', async () => {
    const id = `${kind}-vanished`;
    const socket = await openSocket(`${url('report-close')}?id=${id}`);
    await socket.waitFor(1);
    const seen = waitForObservation('closed', (event: { id: string }) => event.id === id);
    socket.ws.terminate();
    expect(await seen).toMatchObject({ code: 1006, aborted: true });
  });

  it("closes the client with the handler's close code and reason", async () => {
    const socket = await openSocket(`${url('close-with')}?code=4100&reason=finished%20early`);
    expect(await socket.closed).toEqual({ code: 4100, reason: 'finished early' });
  });

  it('closes with 1011 when the handler throws', async () => {
    const socket = await openSocket(url('throw'));
    const closed = await socket.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/handler exploded/);
  });

  it('closes with 1009 when the client sends a frame over the limit, and tells the handler', async () => {
    const id = `${kind}-oversize`;
    const socket = await openSocket(`${url('report-close')}?id=${id}`);
    await socket.waitFor(1);
    const seen = waitForObservation('closed', (event: { id: string }) => event.id === id);
    socket.send(Buffer.alloc(MAX_FRAME + 1));
    expect((await socket.closed).code).toBe(1009);
    expect(await seen).toMatchObject({ code: 1009 });
  });

  it('closes with 1009 when the plugin sends a frame over the limit', async () => {
    const socket = await openSocket(`${url('flood')}?mb=1&chunkKb=${MAX_FRAME / 1024 + 1}`);
    const closed = await socket.closed;
    expect(closed.code).toBe(1009);
    expect(closed.reason).toMatch(/over the 262144-byte limit/);
  });

  it('pauses a plugin that sends faster than the client reads, then delivers everything', async () => {
    const socket = await openSocket(`${url('flood')}?mb=48&stallMs=300`);
    socket.ws.pause();
    const [progress] = (await once(socketObservations, 'stalled')) as [FloodProgress];
    // Bounded: kernel buffers, one high-water mark and the gRPC window, not the whole 48 MiB.
    expect(progress.stalledAtBytes).toBeLessThan(24 * 1024 * 1024);
    socket.ws.resume();
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 1000, reason: 'flood done' });
    const received = socket.messages.reduce((sum, data) => sum + (data as Buffer).length, 0);
    expect(received).toBe(48 * 1024 * 1024);
  });

  it('pauses a client that sends faster than the plugin reads, then delivers everything', async () => {
    const sink = once(socketObservations, 'sink') as Promise<[SinkControl]>;
    const socket = await openSocket(url('sink'));
    const [control] = await sink;
    // The client writes one 64 KiB frame at a time, each once the last reached the kernel, until
    // a write has waited 300 ms: every hop between it and the paused handler is full by then.
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    let stopped = false;
    await new Promise<void>((stalled) => {
      const stop = (): void => {
        stopped = true;
        stalled();
      };
      const pump = (): void => {
        if (stopped) return;
        if (sent >= 64 * 1024 * 1024) return stop();
        const timer = setTimeout(stop, 300);
        sent += chunk.length;
        socket.ws.send(chunk, () => {
          clearTimeout(timer);
          pump();
        });
      };
      pump();
    });
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(control.received()).toBe(0);
    control.resume();
    socket.send('end');
    expect(await socket.waitFor(1)).toEqual([String(sent)]);
    expect(await socket.closed).toEqual({ code: 1000, reason: 'sink done' });
  });
});

function waitForObservation<T>(event: string, matches: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const listener = (value: T): void => {
      if (!matches(value)) return;
      socketObservations.off(event, listener);
      resolve(value);
    };
    socketObservations.on(event, listener);
  });
}
