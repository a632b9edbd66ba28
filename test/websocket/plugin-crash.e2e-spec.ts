import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { openSocket, TestSocket } from '../support/websocket-client';
import { PluginProcess, startPluginProcess } from '../support/ts-plugin-process.fixture';

jest.setTimeout(60_000);

const ENTRY = 'test/fixtures/echo-socket-plugin.main.ts';

describe('WebSockets when the plugin process dies', () => {
  let plugin: PluginProcess | null = null;
  let host: ListeningHost | null = null;

  afterEach(async () => {
    await host?.close();
    await plugin?.kill();
  });

  it('closes every socket of the plugin with 1011 at once, and accepts new ones when it is back', async () => {
    plugin = await startPluginProcess(ENTRY);
    host = await startListeningHost({
      plugins: [{ name: 'echo', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
    });
    const url = `${host.wsUrl}/ws/echo/echo`;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openSocket(url)));
    sockets.forEach((socket, i) => socket.send(`before ${i}`));
    await Promise.all(sockets.map((socket) => socket.waitFor(1)));

    const killedAt = Date.now();
    const closedAt: number[] = [];
    const closes = Promise.all(
      sockets.map((socket) => socket.closed.then((closed) => (closedAt.push(Date.now()), closed))),
    );
    await plugin.kill('SIGKILL');
    const closed = await closes;
    expect(closed.map((c) => c.code)).toEqual(sockets.map(() => 1011));
    expect(closed[0].reason).toMatch(/plugin "echo"/);
    expect(Math.max(...closedAt) - killedAt).toBeLessThan(1000);

    // What a supervisor does: the same plugin back on the same address.
    plugin = await startPluginProcess(ENTRY, plugin.port);
    const again = await retryUntilOpen(url, 10_000);
    again.send('after restart');
    expect(await again.waitFor(1)).toEqual(['after restart']);
    again.ws.close(1000);
  });
});

/** Retries while the host answers 503 (its channel reconnects with a backoff of up to 1 s). */
async function retryUntilOpen(url: string, timeoutMs: number): Promise<TestSocket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await openSocket(url);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 503 || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

