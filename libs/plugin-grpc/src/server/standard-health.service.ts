import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, ServingStatus } from 'grpc-health-check';
import { DomainPlugin } from '@qntx/domains';
import { DOMAIN_SERVICE_NAME } from '../protocol/protocol.loader';

export interface StandardHealthOptions {
  /** How often the status is re-read for Watch subscribers, between Check calls. */
  refreshIntervalMs?: number;
  /** A `health()` slower than this counts as NOT_SERVING, so a probe never hangs on it. */
  checkTimeoutMs?: number;
}

/** Service names a probe may ask about: "" (the whole server) and the plugin protocol itself. */
const SERVICE_NAMES = ['', DOMAIN_SERVICE_NAME];

/**
 * `grpc.health.v1.Health` over the plugin's own `health()`, so Kubernetes gRPC probes,
 * `grpc_health_probe` and `grpcurl` see the plugin's state with no knowledge of our protocol.
 * Each Check re-reads `health()` first; a timer keeps Watch streams current in between.
 *
 * It answers without the per-launch token: probes cannot carry it, and SERVING / NOT_SERVING
 * says nothing a caller could use (the plugin's own Health RPC, with its message and details,
 * still requires the token).
 */
export class StandardHealthService {
  private readonly health = new HealthImplementation();
  private readonly checkTimeoutMs: number;
  private readonly refreshIntervalMs: number;
  private current: ServingStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly plugin: DomainPlugin,
    options: StandardHealthOptions = {},
  ) {
    this.checkTimeoutMs = options.checkTimeoutMs ?? 2000;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 10_000;
  }

  /** Adds the service to a server; one instance may serve several (see health-listener.ts). */
  addToServer(server: grpc.Server): void {
    this.health.addToServer({
      addService: (service, implementation) => {
        const check = implementation.check as grpc.handleUnaryCall<unknown, unknown>;
        server.addService(service as grpc.ServiceDefinition, {
          ...(implementation as grpc.UntypedServiceImplementation),
          check: (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
            void this.refresh().then(() => check(call, callback));
          },
        });
      },
    });
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.refresh(), this.refreshIntervalMs);
    // Between Checks the timer only serves Watch streams; it must not keep the process alive.
    this.timer.unref();
  }

  /** Reads the plugin's health now and publishes it; returns the status published. */
  async refresh(): Promise<ServingStatus> {
    const status = await this.readStatus();
    this.publish(status);
    return status;
  }

  /** Publishes NOT_SERVING for good and stops refreshing: the server is going away. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.publish('NOT_SERVING');
    this.stopped = true;
  }

  private async readStatus(): Promise<ServingStatus> {
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timeout = setTimeout(() => resolve(false), this.checkTimeoutMs);
    });
    try {
      const healthy = await Promise.race([
        this.plugin.health().then((status) => status.healthy, () => false),
        deadline,
      ]);
      return healthy ? 'SERVING' : 'NOT_SERVING';
    } finally {
      clearTimeout(timeout);
    }
  }

  private publish(status: ServingStatus): void {
    // setStatus notifies every Watch stream, so only a change is published; after stop() a
    // refresh still in flight must not bring SERVING back.
    if (this.stopped || status === this.current) return;
    this.current = status;
    for (const name of SERVICE_NAMES) this.health.setStatus(name, status);
  }
}
