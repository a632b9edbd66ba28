import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { dirname, join } from 'node:path';

/** grpc.health.v1.Health/Check, as a Kubernetes probe or grpc_health_probe asks it. */
export function healthCheck(address: string, service = ''): Promise<string> {
  const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const client = new pkg.grpc.health.v1.Health(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    check(request: { service: string }, callback: (error: grpc.ServiceError | null, response: { status: string }) => void): void;
  };
  return new Promise<string>((resolve, reject) =>
    client.check({ service }, (error, response) => (error ? reject(error) : resolve(response.status))),
  ).finally(() => client.close());
}

/** The service names grpc.reflection.v1 lists, as `grpcurl list` shows them. */
export function reflectedServices(address: string): Promise<string[]> {
  const file = join(dirname(require.resolve('@grpc/reflection')), '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
  const definition = protoLoader.loadSync(file, { keepCase: true, defaults: true, oneofs: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new pkg.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  type Response = { list_services_response?: { service: { name: string }[] } };
  return new Promise<string[]>((resolve, reject) => {
    const call = (client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, Response> }).ServerReflectionInfo();
    call.on('data', (response: Response) => {
      resolve((response.list_services_response?.service ?? []).map((s) => s.name).sort());
      call.end();
    });
    call.on('error', reject);
    call.write({ host: '', list_services: '' });
  }).finally(() => client.close());
}
