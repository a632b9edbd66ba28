import * as grpc from '@grpc/grpc-js';
import express from 'express';
import { AddressInfo } from 'node:net';
import { readRequestBody } from '../bench.payload';
import { LOOPBACK, requiredArg, runContender } from './contender.process';
import { loadDomainPluginService, WireHeader, WireHttpRequest, WireHttpResponse } from './minimal-grpc.proto-loader';

type HandleHttpClient = grpc.Client & {
  HandleHTTP(
    request: WireHttpRequest,
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: WireHttpResponse) => void,
  ): grpc.ClientUnaryCall;
};

/**
 * The gateway half of contender 6: a bare Express route that forwards each request over one raw
 * @grpc/grpc-js client (HandleHTTP) and writes the answer back. The same architecture as the host
 * with an external plugin, and none of the framework: the floor of "one extra gRPC hop".
 */
runContender('minimal Express → grpc-js gateway', async () => {
  const address = requiredArg('grpc-address');
  const Client = loadDomainPluginService();
  const client = new Client(address, grpc.credentials.createInsecure()) as unknown as HandleHttpClient;
  const app = express();
  app.use('/api', async (req, res) => {
    const headers: WireHeader[] = [];
    for (const name in req.headersDistinct) headers.push({ name, values: req.headersDistinct[name]! });
    const request: WireHttpRequest = { method: req.method, path: req.originalUrl, headers, body: await readRequestBody(req) };
    client.HandleHTTP(request, { deadline: Date.now() + 30_000 }, (error, response) => {
      if (error || !response) {
        res.status(502).end(error?.message ?? 'no response');
        return;
      }
      res.status(response.status_code);
      for (const header of response.headers) res.setHeader(header.name, header.values);
      res.end(response.body);
    });
  });
  const server = app.listen(0, LOOPBACK);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://${LOOPBACK}:${port}` },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.close();
    },
  };
});
