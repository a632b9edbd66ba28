import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { domainProtoSource } from './domain-proto.source';
import { packageDefinitionFromText } from './embedded-protos';

/** How both protocol files are read: field names as written, defaults filled in, oneofs named. */
export const LOADER_OPTIONS: protoLoader.Options = {
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
  const source = domainProtoSource();
  return 'file' in source ? protoLoader.loadSync(source.file, LOADER_OPTIONS) : packageDefinitionFromText(source.text, LOADER_OPTIONS);
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
