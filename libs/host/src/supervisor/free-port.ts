import { createServer } from 'node:net';

/**
 * A loopback port free at the moment of asking, for a plugin that takes `--port` and announces
 * nothing. Another process may take it before the plugin binds it: that launch then fails and
 * the next one asks again.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
