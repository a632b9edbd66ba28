import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { resolveProtoDir } from '../protocol/proto-path';

export const HOST_SERVICES_NAME = 'qntx.host.v1.HostServices';

let cached: { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } | null = null;

/** The HostServices definition, loaded once from proto/host_services.proto (same options as domain.proto). */
export function loadHostServices(): { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } {
  if (cached) return cached;
  const file = join(resolveProtoDir('host_services.proto'), 'host_services.proto');
  const definition = protoLoader.loadSync(file, {
    keepCase: true,
    longs: String,
    enums: Number,
    defaults: true,
    arrays: true,
    objects: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    qntx: { host: { v1: { HostServices: grpc.ServiceClientConstructor } } };
  };
  const client = loaded.qntx.host.v1.HostServices;
  cached = { service: client.service, client };
  return cached;
}
