import * as grpc from '@grpc/grpc-js';
import { once } from 'node:events';
import {
  loadDomainService,
  PluginFactory,
  RunningPlugin,
  WireMetadataResponse,
  WireWebSocketMessage,
  WireWebSocketType,
} from '@qntx/plugin-grpc';
import { EchoSocketPluginModule } from '../fixtures/echo-socket.plugin';
import { ReferencePlugin, startReferencePlugin } from '../fixtures/reference-plugin.server';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { openSocket } from '../support/websocket-client';

jest.setTimeout(30_000);

type Stream = grpc.ClientDuplexStream<Partial<WireWebSocketMessage>, WireWebSocketMessage>;

/** The messages a stream sent, and how it ended. */
function record(stream: Stream): { messages: WireWebSocketMessage[]; status: Promise<grpc.StatusObject> } {
  const messages: WireWebSocketMessage[] = [];
  stream.on('data', (message: WireWebSocketMessage) => messages.push(message));
  stream.on('error', () => undefined);
  return { messages, status: once(stream, 'status').then(([status]) => status as grpc.StatusObject) };
}

describe('an SDK plugin, driven over the wire by a host that knows only the reference protocol', () => {
  let plugin: RunningPlugin;
  let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

  beforeAll(async () => {
    plugin = await PluginFactory.create(EchoSocketPluginModule, { port: 0, logger: false });
    const { client: Client } = loadDomainService();
    client = new Client(plugin.address, grpc.credentials.createInsecure()) as typeof client;
  });

  afterAll(async () => {
    client.close();
    await plugin.close();
  });

  const open = (): Stream => client.HandleWebSocket(new grpc.Metadata()) as Stream;

  it('declares its socket paths in Metadata field 16', async () => {
    const metadata = await new Promise<WireMetadataResponse>((resolve, reject) =>
      client.Metadata({}, (error: Error | null, response: WireMetadataResponse) => (error ? reject(error) : resolve(response))),
    );
    const declared = ['close-with', 'echo', 'flood', 'info', 'report-close', 'sink', 'throw'];
    expect([...(metadata.websocket_paths?.paths ?? [])].sort()).toEqual(declared);
  });

  it('echoes DATA, treats a DATA without "kind" as binary, answers PING with PONG and CLOSE by ending', async () => {
    const stream = open();
    const { messages, status } = record(stream);
    stream.write({ type: WireWebSocketType.CONNECT, headers: { ':path': '/ws/echo/echo' } });
    stream.write({ type: WireWebSocketType.DATA, data: Buffer.from('as text'), headers: { kind: 'text' } });
    stream.write({ type: WireWebSocketType.DATA, data: Buffer.from([1, 2, 3]) });
    stream.write({ type: WireWebSocketType.PING, data: Buffer.from('are you there') });
    stream.write({ type: WireWebSocketType.CLOSE, headers: { code: '1000', reason: 'bye' } });
    stream.end();
    expect((await status).code).toBe(grpc.status.OK);
    const summary = messages.map((m) => [WireWebSocketType[m.type], m.data.toString('latin1'), m.headers.kind ?? '']);
    expect(summary).toEqual([
      ['DATA', 'as text', 'text'],
      ['DATA', '\u0001\u0002\u0003', 'binary'],
      ['PONG', 'are you there', ''],
    ]);
  });

  it('answers CLOSE 4404 to a path it does not serve, and ends the stream', async () => {
    const stream = open();
    const { messages, status } = record(stream);
    stream.write({ type: WireWebSocketType.CONNECT, headers: { ':path': '/ws/echo/nosuch' } });
    expect((await status).code).toBe(grpc.status.OK);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: WireWebSocketType.CLOSE, headers: { code: '4404' } });
  });

  it('answers ERROR when the first message is not CONNECT', async () => {
    const stream = open();
    const { messages, status } = record(stream);
    stream.write({ type: WireWebSocketType.DATA, data: Buffer.from('too early') });
    await status;
    expect(messages[0].type).toBe(WireWebSocketType.ERROR);
    expect(messages[0].data.toString()).toMatch(/CONNECT/);
  });
});

describe('the host, with a plugin that knows only the reference protocol', () => {
  let plugin: ReferencePlugin;
  let host: ListeningHost;

  beforeAll(async () => {
    plugin = await startReferencePlugin();
    host = await startListeningHost({ plugins: [{ name: 'ref', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }] });
  });

  afterAll(async () => {
    await host.close();
    await plugin.close();
  });

  it('forwards any path to it (no declared paths) and delivers its kind-less DATA as binary', async () => {
    const socket = await openSocket(`${host.wsUrl}/ws/ref/chat`);
    socket.send('hello');
    expect(await socket.waitFor(1)).toEqual([Buffer.from('hello')]);
    socket.ws.close(1000);
    expect((await socket.closed).code).toBe(1000);
  });

  it("closes with the plugin's 4404 when the plugin refuses the path", async () => {
    const socket = await openSocket(`${host.wsUrl}/ws/ref/other`);
    expect(await socket.closed).toEqual({ code: 4404, reason: 'no socket at /ws/ref/other' });
  });
});
