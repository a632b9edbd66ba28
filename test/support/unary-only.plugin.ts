import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { probeEvents } from './probe-events';

interface Header {
  name: string;
  values: string[];
}
interface HttpRequestMessage {
  method: string;
  path: string;
  headers: Header[];
  body: Buffer;
}
interface HttpResponseMessage {
  status_code: number;
  headers: Header[];
  body: Buffer;
}

export interface UnaryOnlyPlugin {
  address: string;
  /** How many HandleHTTPStream calls it was sent (only counted with `answersUnimplemented`). */
  streamAttempts(): number;
  close(): Promise<void>;
}

/**
 * A plugin from "another implementation of the protocol": a bare @grpc/grpc-js server that loads
 * proto/domain.proto and implements only the reference RPCs, no SDK. By default HandleHTTPStream
 * is simply absent (grpc-js answers UNIMPLEMENTED); with `answersUnimplemented` it is present and
 * answers UNIMPLEMENTED itself, as a Go plugin embedding `UnimplementedDomainPluginServiceServer`
 * does, so the test can count the attempts.
 */
export async function startUnaryOnlyPlugin(
  options: { name?: string; answersUnimplemented?: boolean; maxMessageBytes?: number } = {},
): Promise<UnaryOnlyPlugin> {
  const name = options.name ?? 'legacy';
  const definition = protoLoader.loadSync(join(__dirname, '..', '..', 'proto', 'domain.proto'), {
    keepCase: true,
    longs: String,
    enums: Number,
    defaults: true,
  });
  const service = (grpc.loadPackageDefinition(definition) as unknown as {
    protocol: { DomainPluginService: grpc.ServiceClientConstructor };
  }).protocol.DomainPluginService.service;
  let attempts = 0;
  const ok = <T>(value: T) => (_call: unknown, callback: grpc.sendUnaryData<T>) => callback(null, value);
  const implementation: grpc.UntypedServiceImplementation = {
    Metadata: ok({ name, version: '9.9.9', qntx_version: '>= 0.1.0', description: 'unary only', author: '', license: '' }),
    Initialize: ok({}),
    Shutdown: ok({}),
    Commands: ok({ commands: [] }),
    ExecuteCommand: ok({ exit_code: 0, stdout: '', stderr: '' }),
    Health: ok({ healthy: true, message: 'ok', details: {} }),
    HandleWebSocket: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'no sockets' }),
    HandleHTTP: (call: grpc.ServerUnaryCall<HttpRequestMessage, HttpResponseMessage>, callback: grpc.sendUnaryData<HttpResponseMessage>) =>
      handleHttp(name, call, callback),
  };
  if (options.answersUnimplemented) {
    implementation.HandleHTTPStream = (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      attempts += 1;
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'method HandleHTTPStream not implemented' });
    };
  }
  const max = options.maxMessageBytes ?? 64 * 1024 * 1024;
  const server = new grpc.Server({ 'grpc.max_receive_message_length': max, 'grpc.max_send_message_length': max });
  server.addService(service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    streamAttempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

function handleHttp(
  name: string,
  call: grpc.ServerUnaryCall<HttpRequestMessage, HttpResponseMessage>,
  callback: grpc.sendUnaryData<HttpResponseMessage>,
): void {
  const request = call.request;
  const path = request.path.split('?')[0];
  const route = path.slice(`/api/${name}`.length);
  const text = (status: number, body: string, headers: Header[] = []): void =>
    callback(null, { status_code: status, headers, body: Buffer.from(body) });
  if (route === '/echo') {
    return text(200, JSON.stringify({ method: request.method, path: request.path, headers: request.headers }), [
      { name: 'content-type', values: ['application/json'] },
    ]);
  }
  if (route === '/mirror') {
    const sha256 = createHash('sha256').update(request.body).digest('hex');
    return callback(null, {
      status_code: 200,
      headers: [
        { name: 'content-type', values: ['application/octet-stream'] },
        { name: 'x-sha256', values: [sha256] },
        { name: 'set-cookie', values: ['a=1', 'b=2'] },
      ],
      body: request.body,
    });
  }
  if (route === '/fail') return callback({ code: grpc.status.INTERNAL, details: 'the legacy plugin broke' });
  if (route.startsWith('/wait/')) {
    const id = route.slice('/wait/'.length);
    probeEvents.fire(`${id}:entered`);
    call.on('cancelled', () => probeEvents.fire(`${id}:aborted`));
    return; // never answers: the host's deadline or the client's departure ends the call
  }
  text(404, JSON.stringify({ error: 'Not Found', plugin: name, message: `No route for ${request.method} ${path}` }));
}
