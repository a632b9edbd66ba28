import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { embeddedProtoText, packageDefinitionFromText } from './embedded-protos';
import { findProtoDir, resolveProtoDir } from './proto-path';

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

export const DOMAIN_SERVICE_NAME = 'protocol.DomainPluginService';

let cached: { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } | null = null;
let cachedDefinition: protoLoader.PackageDefinition | null = null;

/**
 * proto/domain.proto as proto-loader read it: what server reflection describes to clients. The
 * file is read at run time when there is one; a one-file plugin falls back to the text it carries.
 */
export function loadDomainPackageDefinition(): protoLoader.PackageDefinition {
  cachedDefinition ??= readDomainProto();
  return cachedDefinition;
}

function readDomainProto(): protoLoader.PackageDefinition {
  const dir = findProtoDir();
  const text = dir === null ? embeddedProtoText('domain.proto') : null;
  if (text !== null) return packageDefinitionFromText(text, LOADER_OPTIONS);
  // Neither a file nor an embedded text: resolveProtoDir throws, saying what to do.
  return protoLoader.loadSync(join(dir ?? resolveProtoDir(), 'domain.proto'), LOADER_OPTIONS);
}

/** The DomainPluginService definition, loaded once from proto/domain.proto. */
export function loadDomainService(): { service: grpc.ServiceDefinition; client: grpc.ServiceClientConstructor } {
  if (cached) return cached;
  const definition = loadDomainPackageDefinition();
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    protocol: { DomainPluginService: grpc.ServiceClientConstructor };
  };
  const client = loaded.protocol.DomainPluginService;
  cached = { service: client.service, client };
  return cached;
}
