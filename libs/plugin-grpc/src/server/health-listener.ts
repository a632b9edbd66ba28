import * as grpc from '@grpc/grpc-js';
import { StandardHealthService } from './standard-health.service';

export interface HealthListener {
  /** "host:port" actually bound. */
  address: string;
  close(): Promise<void>;
}

/**
 * A second, plaintext gRPC server carrying only `grpc.health.v1.Health`. Kubernetes gRPC probes
 * speak neither TLS nor our token, and reach the pod's IP rather than its loopback: a plugin
 * serving TLS, or bound to 127.0.0.1 as a sidecar, still answers them here. It exposes only
 * SERVING / NOT_SERVING.
 */
export async function startHealthListener(address: string, health: StandardHealthService): Promise<HealthListener> {
  const server = new grpc.Server();
  health.addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error
        ? reject(new Error(`Cannot listen for health probes on ${address}: ${error.message}. Choose another --health-address.`))
        : resolve(bound),
    ),
  );
  return {
    address: address.replace(/:\d+$/, `:${port}`),
    // Probes make single short calls; a Watch stream has just been told NOT_SERVING.
    close: async () => server.forceShutdown(),
  };
}
