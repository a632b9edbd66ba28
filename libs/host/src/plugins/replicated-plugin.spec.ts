import { DomainPlugin, PluginHttpRequest, PluginRouter, PluginUnavailableError, ServiceRegistry, StaticServiceRegistry } from '@qntx/domains';
import { Replica, ReplicatedPlugin } from './replicated-plugin';

/** A replica at an address that answers with its id, or fails as unreachable while `reachable` is false. */
function replica(id: string): Replica & { reachable: boolean; initialized: number } {
  const state = { reachable: true, initialized: 0 };
  const plugin: DomainPlugin = {
    metadata: () => ({ name: 'svc', version: '1.0.0', qntxVersion: '>= 0.1.0', description: '', author: '', license: '' }),
    initialize: async () => void state.initialized++,
    shutdown: async () => undefined,
    commands: async () => [],
    registerHttp: async (router) =>
      router.handle('*', '/api/svc/{*path}', async () => {
        if (!state.reachable) throw new PluginUnavailableError('svc', `cannot reach ${id}`);
        return { status: 200, headers: {}, body: Buffer.from(id) };
      }),
    registerWebSocket: async () => ({}),
    health: async () => ({ healthy: state.reachable, message: '', details: {} }),
  };
  return Object.assign(state, { plugin, address: `${id}:9000` });
}

const get: PluginHttpRequest = { method: 'GET', path: '/api/svc/x', relativePath: '/x', query: '', headers: {}, body: Buffer.alloc(0), params: {} };

async function call(set: ReplicatedPlugin, request = get): Promise<string> {
  const router = new PluginRouter('svc');
  await set.registerHttp(router);
  const match = router.match(request.method, request.path)!;
  return (await match.handler({ ...request, params: match.params })).body.toString();
}

describe('ReplicatedPlugin', () => {
  const services: ServiceRegistry = new StaticServiceRegistry();

  it('spreads requests round robin over its replicas', async () => {
    const set = new ReplicatedPlugin('svc', [replica('a'), replica('b')]);
    expect([await call(set), await call(set), await call(set), await call(set)]).toEqual(['a', 'b', 'a', 'b']);
  });

  it('sends a request an unreachable replica dropped to another, and leaves that replica out until its health answers', async () => {
    const a = replica('a');
    const set = new ReplicatedPlugin('svc', [a, replica('b')]);
    a.reachable = false;
    expect([await call(set), await call(set), await call(set)]).toEqual(['b', 'b', 'b']);
    expect(set.describe().map(({ up, state }) => [up, state])).toEqual([
      [false, 'unreachable'],
      [true, 'running'],
    ]);
    await expect(set.health()).resolves.toMatchObject({ healthy: true, message: expect.stringMatching(/^1 of 2 replicas up/) });
    a.reachable = true;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(set.describe()[0].up).toBe(true);
    await set.shutdown();
  });

  it('does not send a failed POST elsewhere when the plugin may have acted on it, nor a streamed upload', async () => {
    const a = replica('a');
    const set = new ReplicatedPlugin('svc', [a, replica('b')]);
    a.reachable = false;
    // Unreachable: nothing reached the plugin, so even a POST with a buffered body goes to b.
    expect(await call(set, { ...get, method: 'POST', body: Buffer.from('x') })).toBe('b');
    const c = replica('c');
    const other = new ReplicatedPlugin('svc', [c, replica('d')]);
    c.reachable = false;
    const { Readable } = await import('node:stream');
    await expect(call(other, { ...get, method: 'PUT', bodyStream: Readable.from(['x']) })).rejects.toThrow('cannot reach c');
    await set.shutdown();
    await other.shutdown();
  });

  it('initializes replicas that join after it was initialized, and stops sending to those that left', async () => {
    const a = replica('a');
    const set = new ReplicatedPlugin('svc', [a]);
    await set.initialize(services);
    const b = replica('b');
    await set.replaceReplicas([b]);
    expect([a.initialized, b.initialized]).toEqual([1, 1]);
    expect([await call(set), await call(set)]).toEqual(['b', 'b']);
    await set.replaceReplicas([]);
    await expect(call(set)).rejects.toThrow(/it has no replica/);
    expect(set.metadata().name).toBe('svc');
  });
});
