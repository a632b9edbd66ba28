import * as grpc from '@grpc/grpc-js';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { loadDomainService, WireWebSocketMessage, WireWebSocketType } from '@qntx/plugin-grpc';
import { BENCH_WS_ECHO_PATH } from '../bench.payload';
import { LOOPBACK, requiredArg, runContender } from './contender.process';

/**
 * The minimal WebSocket relay the target compares with: a bare `ws` server that opens one
 * raw grpc-js HandleWebSocket stream per client to the bench plugin process and copies frames
 * both ways (CONNECT with ":path", DATA with "kind"), with none of the host around it.
 */
runContender('minimal ws → grpc-js → ws relay', async () => {
  const address = requiredArg('plugin-address');
  const Service = grpc.makeGenericClientConstructor(loadDomainService().service, 'DomainPluginService');
  const client = new Service(address, grpc.credentials.createInsecure()) as unknown as {
    HandleWebSocket(): grpc.ClientDuplexStream<WireWebSocketMessage, WireWebSocketMessage>;
    close(): void;
  };
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: BENCH_WS_ECHO_PATH });
  wss.on('connection', (socket) => {
    const call = client.HandleWebSocket();
    call.write({ type: WireWebSocketType.CONNECT, data: Buffer.alloc(0), headers: { ':path': BENCH_WS_ECHO_PATH }, timestamp: '0' } as WireWebSocketMessage);
    call.on('data', (message: WireWebSocketMessage) => {
      if (message.type === WireWebSocketType.DATA) socket.send(message.data, { binary: message.headers?.kind !== 'text' });
      else if (message.type === WireWebSocketType.CLOSE) socket.close();
    });
    call.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) =>
      call.write({ type: WireWebSocketType.DATA, data: data as Buffer, headers: { kind: isBinary ? 'binary' : 'text' }, timestamp: '0' } as WireWebSocketMessage),
    );
    socket.on('close', () => call.end());
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  return {
    info: { url: `http://${LOOPBACK}:${port}` },
    close: () => {
      for (const c of wss.clients) c.terminate();
      client.close();
      return new Promise((resolve) => server.close(resolve));
    },
  };
});
