import { PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { EchoSocketPluginModule } from '../fixtures/echo-socket.plugin';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { openSocket, upgradeStatus } from '../support/websocket-client';

jest.setTimeout(30_000);

describe('WebSocket upgrades the host refuses, with an HTTP status', () => {
  let plugin: RunningPlugin;
  let host: ListeningHost;

  beforeAll(async () => {
    plugin = await PluginFactory.create(EchoSocketPluginModule, { port: 0, logger: false });
    host = await startListeningHost({
      plugins: [{ name: 'echo', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
      webSocket: { allowedOrigins: ['https://app.example.com'] },
    });
  });

  afterAll(async () => {
    await host.close();
    await plugin.close();
  });

  it('answers 404 naming the plugin and its sockets for a path the plugin does not serve', async () => {
    const { status, body } = await upgradeStatus(`${host.wsUrl}/ws/echo/nosuch`);
    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({ error: 'Not Found', plugin: 'echo' });
    expect(JSON.parse(body).message).toMatch(/no WebSocket "nosuch".*echo/);
  });

  it('answers 404 for an unknown plugin', async () => {
    const { status, body } = await upgradeStatus(`${host.wsUrl}/ws/nosuch/echo`);
    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({ error: 'Not Found', plugin: 'nosuch' });
  });

  it('answers 404 for an upgrade outside /ws/', async () => {
    expect((await upgradeStatus(`${host.wsUrl}/api/echo`)).status).toBe(404);
  });

  it('answers 403 to a foreign Origin (cross-site WebSocket hijacking)', async () => {
    const { status, body } = await upgradeStatus(`${host.wsUrl}/ws/echo/echo`, { origin: 'https://evil.example' });
    expect(status).toBe(403);
    expect(JSON.parse(body).message).toMatch(/https:\/\/evil\.example/);
    expect((await upgradeStatus(`${host.wsUrl}/ws/echo/echo`, { origin: 'null' })).status).toBe(403);
  });

  it('accepts its own origin, a configured origin, and clients that send no Origin', async () => {
    const origins = [`http://127.0.0.1:${host.port}`, 'https://app.example.com', undefined];
    for (const origin of origins) {
      const socket = await openSocket(`${host.wsUrl}/ws/echo/echo`, origin ? { origin } : {});
      socket.send('hi');
      expect(await socket.waitFor(1)).toEqual(['hi']);
      socket.ws.close(1000);
    }
  });

  it('answers 503 with Retry-After when the plugin is down', async () => {
    const down = await PluginFactory.create(EchoSocketPluginModule, { port: 0, logger: false });
    const other = await startListeningHost({
      plugins: [{ name: 'echo', enabled: true, address: down.address, requestTimeoutMs: 5000 }],
    });
    try {
      await down.close();
      const { status, body, headers } = await upgradeStatus(`${other.wsUrl}/ws/echo/echo`);
      expect(status).toBe(503);
      expect(headers['retry-after']).toBe('1');
      expect(JSON.parse(body)).toMatchObject({ error: 'Service Unavailable', plugin: 'echo' });
    } finally {
      await other.close();
    }
  });
});
