import { once } from 'node:events';
import { DomainPlugin } from '@qntx/domains';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { EchoSocketPluginModule, socketObservations } from '../fixtures/echo-socket.plugin';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { openSocket } from '../support/websocket-client';

jest.setTimeout(30_000);

const PING_MS = 100;

function closeSeenByHandler(id: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const listener = (event: { id: string; code: number; reason: string }): void => {
      if (event.id !== id) return;
      socketObservations.off('closed', listener);
      resolve(event);
    };
    socketObservations.on('closed', listener);
  });
}

describe('WebSocket liveness and host shutdown', () => {
  let host: ListeningHost;

  beforeEach(async () => {
    const builtin: DomainPlugin = await createBuiltinPlugin(EchoSocketPluginModule, { logger: false });
    host = await startListeningHost({ builtins: [builtin], webSocket: { pingIntervalMs: PING_MS } });
  });

  afterEach(async () => {
    await host.close();
  });

  it('keeps a client that answers pings', async () => {
    const socket = await openSocket(`${host.wsUrl}/ws/echo/echo`);
    for (let i = 0; i < 4; i++) await once(socket.ws, 'ping');
    socket.send('still here');
    expect(await socket.waitFor(1)).toEqual(['still here']);
    socket.ws.close(1000);
  });

  it('drops a client that stops answering pings, and the handler hears 1006', async () => {
    const seen = closeSeenByHandler('silent');
    const socket = await openSocket(`${host.wsUrl}/ws/echo/report-close?id=silent`, { autoPong: false });
    expect((await socket.closed).code).toBe(1006);
    expect((await seen).code).toBe(1006);
  });

  it('closes every socket with 1001 when the host shuts down, and the handler hears it', async () => {
    const seen = closeSeenByHandler('shutdown');
    const socket = await openSocket(`${host.wsUrl}/ws/echo/report-close?id=shutdown`);
    await socket.waitFor(1);
    const closing = host.close();
    expect(await socket.closed).toEqual({ code: 1001, reason: 'host shutting down' });
    expect(await seen).toMatchObject({ code: 1001 });
    await closing;
    host = { ...host, close: async () => undefined };
  });
});
