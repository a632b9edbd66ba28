import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { findProtoDir, resolveProtoDir } from '../protocol/proto-path';
import { embeddedProtoText, packageDefinitionFromText } from '../protocol/embedded-protos';
import { LOADER_OPTIONS } from '../protocol/protocol.loader';

export const HOST_SERVICES_NAME = 'qntx.host.v1.HostServices';
const FILE = 'host_services.proto';

let cached: { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } | null = null;

/**
 * The HostServices definition, loaded once from proto/host_services.proto (same options as
 * domain.proto): the file when one is found, else the text a one-file plugin bundle carries.
 */
export function loadHostServices(): { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } {
  if (cached) return cached;
  const dir = findProtoDir(FILE);
  const text = dir === null ? embeddedProtoText(FILE) : null;
  const definition =
    text !== null
      ? packageDefinitionFromText(text, LOADER_OPTIONS)
      : protoLoader.loadSync(join(dir ?? resolveProtoDir(FILE), FILE), LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    qntx: { host: { v1: { HostServices: grpc.ServiceClientConstructor } } };
  };
  const client = loaded.qntx.host.v1.HostServices;
  cached = { service: client.service, client };
  return cached;
}
