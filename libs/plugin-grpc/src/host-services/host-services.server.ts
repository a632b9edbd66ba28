import * as grpc from '@grpc/grpc-js';
import { ServiceEndpoint, ServiceRegistry } from '@qntx/domains';
import { loadHostServices } from './host-services.loader';
import { hostServicesImplementation } from './host-services.handlers';
import { HostServiceTokens } from './host-service-tokens';
import { HOST_SERVICES_MAX_MESSAGE_BYTES } from './host-services.client';
import { HOST_SERVICES_RPC_SERVICE, tracedUnaryHandlers } from '../tracing';

/**
 * Serves a ServiceRegistry to plugins in other processes (proto/host_services.proto), on a
 * loopback port: the host's half of the callback channel. Each plugin reaches it with its own
 * token (`endpointFor`), which is how the server knows who calls.
 */
export class HostServicesServer {
  private server: grpc.Server | null = null;
  private bound: string | null = null;
  private readonly tokens = new HostServiceTokens();

  constructor(private readonly services: ServiceRegistry) {}

  /** Starts listening ("127.0.0.1:0": a free loopback port); resolves with the bound address. */
  async listen(address = '127.0.0.1:0'): Promise<string> {
    const server = new grpc.Server({
      'grpc.max_receive_message_length': HOST_SERVICES_MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': HOST_SERVICES_MAX_MESSAGE_BYTES,
    });
    server.addService(
      loadHostServices().service,
      tracedUnaryHandlers(HOST_SERVICES_RPC_SERVICE, hostServicesImplementation(this.services, this.tokens)),
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.server = server;
    this.bound = address.replace(/:\d+$/, `:${port}`);
    return this.bound;
  }

  get address(): string | null {
    return this.bound;
  }

  /** Where `plugin` calls back and with which token; null while the server is not listening. */
  endpointFor(plugin: string): ServiceEndpoint | null {
    if (!this.bound) return null;
    return { address: this.bound, token: this.tokens.issue(plugin) };
  }

  async close(graceMs = 2000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.bound = null;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
