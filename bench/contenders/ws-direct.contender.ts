import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { BENCH_WS_ECHO_PATH } from '../bench.payload';
import { LOOPBACK, runContender } from './contender.process';

/** WebSocket floor: a bare `ws` server echoing every frame, kind kept, on the bench socket path. */
runContender('direct ws echo', async () => {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: BENCH_WS_ECHO_PATH });
  wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  return {
    info: { url: `http://${LOOPBACK}:${port}` },
    close: () => {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => server.close(resolve));
    },
  };
});
