/** The instrumentation scope of every span the SDK and the host make. */
export const TRACER_NAME = '@qntx/plugin-grpc';

/** The gRPC service of proto/domain.proto, as RPC spans name it. */
export const DOMAIN_RPC_SERVICE = 'protocol.DomainPluginService';
/** The gRPC service of proto/host_services.proto. */
export const HOST_SERVICES_RPC_SERVICE = 'qntx.host.v1.HostServices';
