import * as grpc from '@grpc/grpc-js';
import { ECHO_PATH, JSON_TYPE, OCTET_TYPE, SMALL_BODY_BYTES } from '../bench.payload';
import { LOOPBACK, runContender } from './contender.process';
import { loadDomainPluginService, WireHttpRequest, WireHttpResponse } from './minimal-grpc.proto-loader';

const SMALL_RESPONSE: WireHttpResponse = {
  status_code: 200,
  headers: [{ name: 'content-type', values: [JSON_TYPE] }],
  body: SMALL_BODY_BYTES,
};
const ECHO_HEADERS = [{ name: 'content-type', values: [OCTET_TYPE] }];

/**
 * The server half of contender 6: a raw @grpc/grpc-js server whose HandleHTTP answers the GET
 * from a constant and echoes the POST's body. No Nest, no SDK.
 */
runContender('minimal grpc-js server', async () => {
  const service = loadDomainPluginService().service;
  const server = new grpc.Server();
  server.addService(service, {
    HandleHTTP(
      call: grpc.ServerUnaryCall<WireHttpRequest, WireHttpResponse>,
      callback: grpc.sendUnaryData<WireHttpResponse>,
    ) {
      const request = call.request;
      if (request.path === ECHO_PATH) {
        callback(null, { status_code: 200, headers: ECHO_HEADERS, body: request.body });
      } else {
        callback(null, SMALL_RESPONSE);
      }
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${LOOPBACK}:0`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    info: { address: `${LOOPBACK}:${port}` },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
});
