import { createServer, Http2Server, ServerHttp2Stream } from 'node:http2';
import { AddressInfo } from 'node:net';
import { messageCodec } from '../../protocol/protocol-codecs';
import { WireEmpty, WireHttpStreamFrame } from '../../protocol/protocol.types';
import { frameMessage } from './grpc-message.framer';
import { FastHttpCalls } from './fast-http.calls';
import { H2GrpcChannel } from './h2-grpc.channel';

const MAX = 64 * 1024 * 1024;
const FRAME_BYTES = 64 * 1024;
const FRAMES = 100;
const HTTP_FRAME = messageCodec<WireHttpStreamFrame>('protocol.HTTPStreamFrame');
const EMPTY = messageCodec<WireEmpty>('protocol.Empty');

/**
 * A gRPC server on bare `node:http2`: HandleHTTPStream answers a head and FRAMES data frames at
 * once, then its OK trailers; any other method answers one empty message. `streamSent` resolves
 * once the HandleHTTPStream stream has closed, its trailers sent.
 */
async function startServer(): Promise<{ address: string; server: Http2Server; streamSent: Promise<void> }> {
  const server = createServer();
  let sent!: () => void;
  const streamSent = new Promise<void>((resolve) => (sent = resolve));
  server.on('stream', (stream: ServerHttp2Stream, headers) => {
    const isStream = String(headers[':path']).endsWith('/HandleHTTPStream');
    stream.on('data', () => undefined);
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      if (isStream) {
        const head = { method: '', path: '', status_code: 200, headers: [], end_of_body: false, body: Buffer.alloc(0) };
        stream.write(frameMessage(HTTP_FRAME.encode({ head })));
        for (let i = 0; i < FRAMES; i++) stream.write(frameMessage(HTTP_FRAME.encode({ data: Buffer.alloc(FRAME_BYTES, i) })));
        stream.on('close', () => sent());
      } else {
        stream.write(frameMessage(EMPTY.encode({})));
      }
      stream.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, server, streamSent };
}

describe('H2FrameCall (HandleHTTPStream over the lean HTTP/2 client)', () => {
  it('delivers every frame when the trailers arrive while frames are still held back for a slow reader', async () => {
    const { address, server, streamSent } = await startServer();
    const calls = new FastHttpCalls(address, undefined, MAX);
    // A second channel would be another connection: the barrier below needs the same one.
    const channel = (calls as unknown as { channel: H2GrpcChannel }).channel;
    try {
      const call = calls.handleHttpStream();
      call.end({ head: { method: 'GET', path: '/api/x/source', status_code: 0, headers: [], end_of_body: true, body: Buffer.alloc(0) } });
      const iterator = call.iterator();
      // Nothing is read until the server has sent everything, trailers included, and a later
      // call's answer on the same connection shows the client has received it all.
      await streamSent;
      await channel.unary('/protocol.DomainPluginService/Metadata', EMPTY.encode({}), { deadlineMs: 5000 });
      const head = await iterator.next();
      expect(head.value?.head?.status_code).toBe(200);
      const seen: number[] = [];
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        expect(next.value.data!.length).toBe(FRAME_BYTES);
        seen.push(next.value.data![0]);
      }
      expect(seen).toEqual(Array.from({ length: FRAMES }, (_, i) => i));
    } finally {
      calls.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
