import { PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { HostWebSocketOptions } from '../../libs/host/src/websocket/websocket-options';
import { EchoSocketPluginModule } from '../fixtures/echo-socket.plugin';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { TestSocket, openSocket, upgradeStatus } from '../support/websocket-client';

jest.setTimeout(30_000);

/**
 * Open WebSockets are capped per plugin and per client address: one more is refused at the
 * upgrade with an HTTP status and a JSON body naming the limit and its setting, and a socket
 * that closes makes room again. Clients come from different loopback addresses (127.0.0.x).
 */
describe('limits on open WebSockets', () => {
  let plugin: RunningPlugin;
  let host: ListeningHost | undefined;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    plugin = await PluginFactory.create(EchoSocketPluginModule, { port: 0, logger: false });
  });
  afterEach(async () => {
    for (const socket of open.splice(0)) socket.ws.terminate();
    await host?.close();
    host = undefined;
  });
  afterAll(() => plugin.close());

  const start = async (webSocket?: HostWebSocketOptions): Promise<ListeningHost> => {
    host = await startListeningHost({
      plugins: [{ name: 'echo', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
      webSocket,
    });
    return host;
  };
  const echoUrl = (): string => `${host!.wsUrl}/ws/echo/echo`;
  const openFrom = async (localAddress: string, count: number): Promise<TestSocket[]> => {
    const sockets = await Promise.all(Array.from({ length: count }, () => openSocket(echoUrl(), { localAddress })));
    open.push(...sockets);
    return sockets;
  };

  it('refuses a client its 101st socket by default with 429 naming the limit; another client still opens', async () => {
    await start();
    await openFrom('127.0.0.1', 100);
    const refused = await upgradeStatus(echoUrl(), { localAddress: '127.0.0.1' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      error: 'Too Many Requests',
      plugin: 'echo',
      message:
        '127.0.0.1 has 100 WebSockets open on this host, the most one client may ' +
        '([host] max_sockets_per_client, HostOptions.webSocket.maxSocketsPerClient); close one first.',
    });
    const [other] = await openFrom('127.0.0.2', 1);
    other.send('still served');
    expect(await other.waitFor(1)).toEqual(['still served']);
  });

  it('refuses any client past the per-plugin limit with 503 and Retry-After, and opens again once one closes', async () => {
    await start({ maxSocketsPerPlugin: 4, maxSocketsPerClient: 3 });
    const [first] = await openFrom('127.0.0.1', 3);
    expect((await upgradeStatus(echoUrl(), { localAddress: '127.0.0.1' })).status).toBe(429);
    await openFrom('127.0.0.2', 1);
    const refused = await upgradeStatus(echoUrl(), { localAddress: '127.0.0.3' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(JSON.parse(refused.body).message).toBe(
      'Plugin "echo" has 4 WebSockets open, the most one plugin may ' +
        '([host] max_sockets_per_plugin, HostOptions.webSocket.maxSocketsPerPlugin); try again later.',
    );

    first.ws.close(1000);
    await first.closed;
    let status = 0;
    for (let tries = 0; tries < 50 && status !== 101; tries++) {
      status = (await upgradeStatus(echoUrl(), { localAddress: '127.0.0.3' })).status;
      if (status !== 101) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(101);
  });

  it('has no limit where a setting is 0', async () => {
    await start({ maxSocketsPerPlugin: 0, maxSocketsPerClient: 0 });
    await openFrom('127.0.0.1', 150);
    expect((await upgradeStatus(echoUrl(), { localAddress: '127.0.0.1' })).status).toBe(101);
  });
});
