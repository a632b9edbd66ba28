import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';

/**
 * proto/domain.proto loaded with proto-loader directly, with the same options the SDK uses, for
 * the minimal pipeline (contender 6), which must use none of the project's code.
 */
export function loadDomainPluginService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(join(repoRoot(), 'proto', 'domain.proto'), {
    keepCase: true,
    longs: String,
    enums: Number,
    defaults: true,
    arrays: true,
    objects: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    protocol: { DomainPluginService: grpc.ServiceClientConstructor };
  };
  return loaded.protocol.DomainPluginService;
}

export interface WireHeader {
  name: string;
  values: string[];
}

export interface WireHttpRequest {
  method: string;
  path: string;
  headers: WireHeader[];
  body: Buffer;
}

export interface WireHttpResponse {
  status_code: number;
  headers: WireHeader[];
  body: Buffer;
}
