import * as grpc from '@grpc/grpc-js';
import { PluginFactory, RunningPlugin } from '../../server/plugin-factory';
import { SamplePluginModule } from '../../testing-fixtures/sample.plugin';
import { messageCodec } from '../../protocol/protocol-codecs';
import { WireHttpRequest, WireHttpResponse, WireMetadataResponse, WireEmpty } from '../../protocol/protocol.types';
import { TOKEN_METADATA_KEY } from '../../plugin-grpc.constants';
import { H2GrpcChannel } from './h2-grpc.channel';

const HTTP_REQUEST = messageCodec<WireHttpRequest>('protocol.HTTPRequest');
const HTTP_RESPONSE = messageCodec<WireHttpResponse>('protocol.HTTPResponse');
const EMPTY = messageCodec<WireEmpty>('protocol.Empty');
const METADATA = messageCodec<WireMetadataResponse>('protocol.MetadataResponse');
const MAX = 64 * 1024 * 1024;

/** The raw HTTP/2 gRPC client against the SDK's grpc-js server: standard gRPC on the wire. */
describe('H2GrpcChannel against a grpc-js plugin server', () => {
  let plugin: RunningPlugin;
  let channel: H2GrpcChannel;

  beforeAll(async () => {
    plugin = await PluginFactory.create(SamplePluginModule, { port: 0, token: 'tok', logger: false });
    channel = new H2GrpcChannel(plugin.address, { metadata: { [TOKEN_METADATA_KEY]: 'tok' }, maxMessageBytes: MAX });
  });
  afterAll(async () => {
    channel.close();
    await plugin.close();
  });

  it('makes a unary call and decodes the answer', async () => {
    const answer = await channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}), { deadlineMs: 2000 });
    expect(METADATA.decode(answer)).toMatchObject({ name: 'sample', version: '1.2.3' });
  });

  it('carries an HTTP request with a binary body and repeated headers', async () => {
    const body = Buffer.from([0, 1, 2, 255, 254]);
    const request = HTTP_REQUEST.encode({
      method: 'POST',
      path: '/api/sample/echo?x=1&x=2',
      headers: [{ name: 'x-multi', values: ['a', 'b'] }],
      body,
    });
    const response = HTTP_RESPONSE.decode(await channel.unary('/protocol.DomainPluginService/HandleHTTP', request, { deadlineMs: 2000 }));
    expect(response.status_code).toBe(201);
    expect(Buffer.from(response.body).equals(body)).toBe(true);
    expect(response.headers.find((h) => h.name === 'x-seen')?.values).toEqual(['a', 'b']);
  });

  it('reports the server status: UNIMPLEMENTED for an unknown method', async () => {
    await expect(channel.unary('/protocol.DomainPluginService/NoSuchMethod', EMPTY.encode({}))).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
    });
  });

  it('is refused without the token', async () => {
    const stranger = new H2GrpcChannel(plugin.address, { maxMessageBytes: MAX });
    await expect(stranger.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}))).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
    stranger.close();
  });

  it('serves many concurrent calls on one session', async () => {
    const calls = Array.from({ length: 200 }, () =>
      channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}), { deadlineMs: 5000 }),
    );
    expect((await Promise.all(calls)).map((b) => METADATA.decode(b).name)).toEqual(Array(200).fill('sample'));
  });

  it('fails fast with UNAVAILABLE when nothing listens, and reconnects once something does', async () => {
    const lonely = new H2GrpcChannel('127.0.0.1:1', { maxMessageBytes: MAX });
    const started = Date.now();
    await expect(lonely.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}))).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    lonely.close();
  });
});

describe('H2GrpcChannel deadlines and restarts', () => {
  it('ends a call past its deadline with DEADLINE_EXCEEDED', async () => {
    const server = new grpc.Server();
    const { loadDomainService } = await import('../../protocol/protocol.loader');
    server.addService(loadDomainService().service, { Metadata: () => undefined /* never answers */ });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const channel = new H2GrpcChannel(`127.0.0.1:${port}`, { maxMessageBytes: MAX });
    try {
      const started = Date.now();
      await expect(
        channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}), { deadlineMs: 150 }),
      ).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      channel.close();
      server.forceShutdown();
    }
  });

  it('reaches a plugin again after it restarted on the same port', async () => {
    const first = await PluginFactory.create(SamplePluginModule, { port: 0, logger: false });
    const port = Number(first.address.split(':')[1]);
    const channel = new H2GrpcChannel(first.address, { maxMessageBytes: MAX });
    try {
      await channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}));
      await first.close();
      await expect(channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}))).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      const second = await PluginFactory.create(SamplePluginModule, { port, logger: false });
      try {
        const answer = await channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}));
        expect(METADATA.decode(answer).name).toBe('sample');
      } finally {
        await second.close();
      }
    } finally {
      channel.close();
    }
  });
});
