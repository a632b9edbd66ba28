import { Readable } from 'node:stream';
import {
  DomainPlugin,
  HttpHandler,
  PluginCallError,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginUnavailableError,
  WebSocketHandler,
  WebSocketPeer,
} from '@qntx/domains';
import { PluginGeneration } from './plugin-generation';

/** A plugin with one catch-all route and one socket, whose behaviour each test sets. */
function fakePlugin(version: string, route: HttpHandler, socket?: WebSocketHandler): DomainPlugin {
  return {
    metadata: () => ({ name: 'svc', version, qntxVersion: '>= 0.1.0', description: '', author: '', license: '' }),
    initialize: async () => undefined,
    shutdown: async () => undefined,
    commands: async () => [],
    registerHttp: async (router) => router.handle('*', '/api/svc/{*path}', route),
    registerWebSocket: async (): Promise<Record<string, WebSocketHandler>> => (socket ? { echo: socket } : {}),
    health: async () => ({ healthy: true, message: '', details: {} }),
  };
}

function request(overrides: Partial<PluginHttpRequest> = {}): PluginHttpRequest {
  return { method: 'GET', path: '/api/svc/x', relativePath: '/x', query: '', headers: {}, body: Buffer.alloc(0), params: {}, ...overrides };
}

const ok = (text: string): PluginHttpResponse => ({ status: 200, headers: {}, body: Buffer.from(text) });

async function generationOf(version: string, route: HttpHandler, socket?: WebSocketHandler): Promise<PluginGeneration> {
  const generation = new PluginGeneration(1, { plugin: fakePlugin(version, route, socket), kind: 'external' });
  await generation.registerRoutes();
  return generation;
}

function call(generation: PluginGeneration, req = request()): Promise<PluginHttpResponse> {
  const match = generation.router!.match(req.method, req.path)!;
  return match.handler({ ...req, params: match.params });
}

describe('PluginGeneration', () => {
  it('counts a request until its answer, and drains once it is answered', async () => {
    let answer!: (response: PluginHttpResponse) => void;
    const generation = await generationOf('1.0.0', () => new Promise((resolve) => (answer = resolve)));
    const pending = call(generation);
    await new Promise((resolve) => setImmediate(resolve));
    expect(generation.status().inFlight).toBe(1);

    let drained = false;
    const drain = generation.drain(Date.now(), Date.now() + 5_000, 1012, 'upgraded').then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    answer(ok('done'));
    await pending;
    await drain;
    expect(generation.status().inFlight).toBe(0);
  });

  it('counts a streamed answer until its body has been read whole', async () => {
    const generation = await generationOf('1.0.0', async () => ({ ...ok(''), bodyStream: Readable.from(['a', 'b']) }));
    const response = await call(generation);
    expect(generation.status().inFlight).toBe(1);
    const pieces: string[] = [];
    for await (const piece of response.bodyStream!) pieces.push(String(piece));
    expect(pieces).toEqual(['a', 'b']);
    expect(generation.status().inFlight).toBe(0);
  });

  it('gives up waiting for requests at the request deadline', async () => {
    const generation = await generationOf('1.0.0', () => new Promise(() => undefined));
    void call(generation);
    const started = Date.now();
    await generation.drain(Date.now(), Date.now() + 1_200, 1012, 'upgraded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_100);
    expect(generation.status().inFlight).toBe(1);
  });

  it('closes the sockets still open at the socket deadline with the given code, and only those', async () => {
    const generation = await generationOf('1.0.0', async () => ok(''), () => ({ onMessage: () => undefined, onClose: () => undefined }));
    const open = (): { peer: WebSocketPeer; closed: { code: number; reason: string }[]; abort: AbortController } => {
      const closed: { code: number; reason: string }[] = [];
      const abort = new AbortController();
      const peer: WebSocketPeer = {
        send: () => true,
        close: (code, reason) => {
          closed.push({ code, reason });
          abort.abort(); // the bridge ends the connection, which aborts its signal
        },
        pause: () => undefined,
        resume: () => undefined,
      };
      return { peer, closed, abort };
    };
    const { echo } = await generation.sockets();
    const staying = open();
    const leaving = open();
    await echo({ path: 'echo', query: '', headers: {}, signal: staying.abort.signal }, staying.peer);
    await echo({ path: 'echo', query: '', headers: {}, signal: leaving.abort.signal }, leaving.peer);
    expect(generation.status().sockets).toBe(2);
    leaving.abort.abort(); // the client closed it

    const started = Date.now();
    await generation.drain(Date.now() + 300, Date.now(), 1012, 'plugin "svc" was upgraded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(staying.closed).toEqual([{ code: 1012, reason: 'plugin "svc" was upgraded' }]);
    expect(leaving.closed).toEqual([]);
    expect(generation.status().sockets).toBe(0);
  });

  describe('during the next generation\'s probation', () => {
    it('sends a request the new generation could not deliver to the old one', async () => {
      const old = await generationOf('1.0.0', async () => ok('from v1'));
      const next = await generationOf('2.0.0', async () => {
        throw new PluginUnavailableError('svc', 'connection dropped');
      });
      next.fallback = old;
      expect((await call(next)).body.toString()).toBe('from v1');
      expect(next.status().inFlight).toBe(0);
    });

    it('sends a failed GET again, but not a failed POST the plugin may have acted on', async () => {
      const old = await generationOf('1.0.0', async () => ok('from v1'));
      const next = await generationOf('2.0.0', async () => {
        throw new PluginCallError('svc', 'INTERNAL: stream reset');
      });
      next.fallback = old;
      expect((await call(next, request({ method: 'GET' }))).body.toString()).toBe('from v1');
      await expect(call(next, request({ method: 'POST', body: Buffer.from('x') }))).rejects.toThrow('stream reset');
    });

    it('never sends again a request whose body was a stream, nor one the plugin answered', async () => {
      const old = await generationOf('1.0.0', async () => ok('from v1'));
      const next = await generationOf('2.0.0', async (req) => {
        if (req.bodyStream) throw new PluginUnavailableError('svc', 'connection dropped');
        return { status: 500, headers: {}, body: Buffer.from('v2 says no') };
      });
      next.fallback = old;
      await expect(call(next, request({ method: 'PUT', bodyStream: Readable.from(['x']) }))).rejects.toThrow('connection dropped');
      const answered = await call(next);
      expect([answered.status, answered.body.toString()]).toEqual([500, 'v2 says no']);
    });
  });
});
