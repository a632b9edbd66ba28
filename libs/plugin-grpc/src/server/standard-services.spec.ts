import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { dirname, join } from 'node:path';
import { PluginFactory, RunningPlugin } from './plugin-factory';
import { PluginClient } from '../client/plugin-client';
import { SamplePluginModule } from '../testing-fixtures/sample.plugin';

const TOKEN = 'launch-token';

type ServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/** A grpc.health.v1.Health client built from the proto grpc-health-check ships, as a probe would. */
function healthClient(address: string): grpc.Client & {
  check(request: { service: string }, callback: (error: grpc.ServiceError | null, response: { status: ServingStatus }) => void): void;
} {
  const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  return new pkg.grpc.health.v1.Health(address, grpc.credentials.createInsecure()) as never;
}

function check(address: string, service: string): Promise<ServingStatus> {
  const client = healthClient(address);
  return new Promise<ServingStatus>((resolve, reject) =>
    client.check({ service }, (error, response) => (error ? reject(error) : resolve(response.status))),
  ).finally(() => client.close());
}

interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

/** One request/response exchange on grpc.reflection.v1alpha.ServerReflection, as grpcurl does. */
function reflect(address: string, request: Record<string, string>): Promise<ReflectionResponse> {
  const reflectionDir = join(dirname(require.resolve('@grpc/reflection')), '..', 'proto');
  const definition = protoLoader.loadSync(join(reflectionDir, 'grpc/reflection/v1alpha/reflection.proto'), {
    keepCase: true,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1alpha: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new pkg.grpc.reflection.v1alpha.ServerReflection(address, grpc.credentials.createInsecure());
  return new Promise<ReflectionResponse>((resolve, reject) => {
    const call = (client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, ReflectionResponse> })
      .ServerReflectionInfo();
    call.on('data', (response) => {
      resolve(response);
      call.end();
    });
    call.on('error', reject);
    call.write({ host: '', ...request });
  }).finally(() => client.close());
}

/** FileDescriptorProto messages joined into a FileDescriptorSet (field 1, length-delimited). */
function descriptorSet(files: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const length: number[] = [];
    let n = file.length;
    while (n > 0x7f) {
      length.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    length.push(n);
    parts.push(Buffer.from([0x0a, ...length]), file);
  }
  return Buffer.concat(parts);
}

describe('standard gRPC services of an SDK plugin', () => {
  let running: RunningPlugin;
  let client: PluginClient;

  beforeAll(async () => {
    running = await PluginFactory.create(SamplePluginModule, { port: 0, token: TOKEN, logger: false });
    client = new PluginClient(running.address, { token: TOKEN, timeoutMs: 5000 });
  });

  afterAll(async () => {
    client.close();
    await running?.close();
  });

  it('answers grpc.health.v1.Health/Check SERVING for "" and for the plugin service, without the token', async () => {
    await client.initialize({ database_endpoint: '', ats_store_endpoint: '', config: {} });
    expect(await check(running.address, '')).toBe('SERVING');
    expect(await check(running.address, 'protocol.DomainPluginService')).toBe('SERVING');
  });

  it('answers NOT_FOUND for a service the plugin does not have', async () => {
    await expect(check(running.address, 'no.such.Service')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('follows the plugin becoming unhealthy and healthy again', async () => {
    await client.initialize({ database_endpoint: '', ats_store_endpoint: '', config: { broken: 'true' } });
    expect((await client.health()).healthy).toBe(false);
    expect(await check(running.address, '')).toBe('NOT_SERVING');
    expect(await check(running.address, 'protocol.DomainPluginService')).toBe('NOT_SERVING');

    await client.initialize({ database_endpoint: '', ats_store_endpoint: '', config: {} });
    expect(await check(running.address, '')).toBe('SERVING');
  });

  it('still refuses the plugin protocol without the token', async () => {
    const anonymous = new PluginClient(running.address, { timeoutMs: 5000 });
    await expect(anonymous.metadataCall()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    anonymous.close();
  });

  it('lists protocol.DomainPluginService through server reflection, without the token', async () => {
    const response = await reflect(running.address, { list_services: '' });
    const names = response.list_services_response!.service.map((s) => s.name);
    expect(names).toContain('protocol.DomainPluginService');
  });

  it('describes the service well enough to call it with no copy of the proto file', async () => {
    const response = await reflect(running.address, { file_containing_symbol: 'protocol.DomainPluginService' });
    const files = response.file_descriptor_response!.file_descriptor_proto;
    expect(files.length).toBeGreaterThan(0);

    const definition = protoLoader.loadFileDescriptorSetFromBuffer(descriptorSet(files), { keepCase: true });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      protocol: { DomainPluginService: grpc.ServiceClientConstructor };
    };
    const reflected = new pkg.protocol.DomainPluginService(running.address, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('x-qntx-plugin-token', TOKEN);
    const answer = await new Promise<{ name: string; version: string }>((resolve, reject) =>
      (reflected as unknown as Record<string, Function>).Metadata.call(reflected, {}, metadata, (error: Error | null, res: { name: string; version: string }) =>
        error ? reject(error) : resolve(res),
      ),
    );
    reflected.close();
    expect(answer).toMatchObject({ name: 'sample', version: '1.2.3' });
  });

  it('reports NOT_SERVING to Watch streams once the server is closing', async () => {
    const watcher = healthClient(running.address) as unknown as {
      watch(request: { service: string }): grpc.ClientReadableStream<{ status: ServingStatus }>;
      close(): void;
    };
    const seen: ServingStatus[] = [];
    const stream = watcher.watch({ service: '' });
    const notServing = new Promise<void>((resolve) =>
      stream.on('data', ({ status }) => {
        seen.push(status);
        if (status === 'SERVING') void running.close();
        if (status === 'NOT_SERVING') resolve();
      }),
    );
    stream.on('error', () => undefined);
    await notServing;
    stream.cancel();
    watcher.close();
    expect(seen).toEqual(['SERVING', 'NOT_SERVING']);
  });
});
