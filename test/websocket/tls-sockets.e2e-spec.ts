import { WebSocketFrame, WebSocketPeer } from '@qntx/domains';
import { ExternalDomainProxy, PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { once } from 'node:events';
import { EchoSocketPluginModule, socketObservations } from '../fixtures/echo-socket.plugin';
import { makeTestCertificates, opensslMissing, TestCertificates } from '../support/test-certificates';

const missing = opensslMissing();
if (missing) console.warn(`Skipping the WebSocket-over-TLS tests: ${missing}`);
const describeWithOpenssl = missing ? describe.skip : describe;

jest.setTimeout(15_000);

/** A client peer that records what the plugin sends and how the connection ends. */
function recordingPeer() {
  const frames: WebSocketFrame[] = [];
  let closed: (value: { code: number; reason: string }) => void = () => undefined;
  const closedAt = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve));
  let arrived: () => void = () => undefined;
  const peer: WebSocketPeer = {
    send: (frame) => {
      frames.push(frame);
      arrived();
      return true;
    },
    close: (code, reason) => closed({ code, reason }),
    pause: () => undefined,
    resume: () => undefined,
  };
  const waitFor = async (count: number): Promise<WebSocketFrame[]> => {
    while (frames.length < count) await new Promise<void>((resolve) => (arrived = resolve));
    return frames;
  };
  return { peer, waitFor, closed: closedAt };
}

/** TLS channels keep grpc-js for HandleWebSocket (plaintext takes the lean HTTP/2 client): same codec, same behaviour. */
describeWithOpenssl('WebSockets to an SDK plugin over TLS (the grpc-js client)', () => {
  let certs: TestCertificates;
  let plugin: RunningPlugin;
  let proxy: ExternalDomainProxy;

  beforeAll(async () => {
    certs = makeTestCertificates();
    plugin = await PluginFactory.create(EchoSocketPluginModule, {
      port: 0,
      logger: false,
      tls: { certFile: certs.serverCert, keyFile: certs.serverKey },
    });
    proxy = await ExternalDomainProxy.connect(plugin.address, {
      tls: { caFile: certs.caCert, serverName: 'plugin.test' },
      controlTimeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await proxy?.shutdown();
    await plugin?.close();
    certs?.remove();
  });

  const open = async (path: string, query: string, client: ReturnType<typeof recordingPeer>) => {
    const handlers = await proxy.registerWebSocket();
    return handlers[path]({ path, query, headers: {}, signal: new AbortController().signal }, client.peer);
  };

  it('echoes text and binary frames in order, each keeping its kind', async () => {
    const client = recordingPeer();
    const session = await open('echo', '', client);
    const sent: WebSocketFrame[] = [
      { kind: 'text', data: 'héllo ✓' },
      { kind: 'binary', data: Buffer.from([0, 255, 10]) },
      { kind: 'text', data: 'last' },
    ];
    for (const frame of sent) session.onMessage(frame);
    expect(await client.waitFor(sent.length)).toEqual(sent);
    session.onClose(1000, '');
  });

  it("delivers the client's close code and reason to the handler", async () => {
    const client = recordingPeer();
    const session = await open('report-close', 'id=tls', client);
    await client.waitFor(1); // "ready": the handler listens
    const closed = once(socketObservations, 'closed');
    session.onClose(4001, 'bye');
    expect((await closed)[0]).toMatchObject({ id: 'tls', code: 4001, reason: 'bye', aborted: true });
  });

  it("closes the client with the handler's close code and reason", async () => {
    const client = recordingPeer();
    await open('close-with', 'code=4100&reason=done', client);
    expect(await client.closed).toEqual({ code: 4100, reason: 'done' });
  });
});
