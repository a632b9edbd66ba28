import { createServer } from 'node:http';
import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';
import { LOOPBACK, requiredArg, runContender } from './contender.process';

/** Contender 5: the plain app behind a Node reverse proxy (`http-proxy`), keep-alive to the upstream. */
runContender('http-proxy in front of the plain app', async () => {
  const target = requiredArg('target');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = httpProxy.createProxyServer({ target, agent, xfwd: true });
  proxy.on('error', (error, _req, res) => {
    if ('writeHead' in res && !res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy error: ${error.message}`);
  });
  const server = createServer((req, res) => proxy.web(req, res));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://${LOOPBACK}:${port}` },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      proxy.close();
      agent.destroy();
    },
  };
});
