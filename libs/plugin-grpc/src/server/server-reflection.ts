import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { loadDomainPackageDefinition } from '../protocol/protocol.loader';

/**
 * gRPC server reflection (v1 and v1alpha) describing `protocol.DomainPluginService`, so `grpcurl`
 * and similar tools can list and call the plugin without a copy of proto/domain.proto.
 *
 * It answers without the per-launch token: it only describes the published, public protocol.
 * The DomainPluginService calls a tool makes after reading it still need the token.
 */
export function addServerReflection(server: grpc.Server): void {
  new ReflectionService(loadDomainPackageDefinition()).addToServer(server);
}
