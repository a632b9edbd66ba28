import {
  CommandDefinition,
  DomainPlugin,
  HealthStatus,
  HttpOperations,
  Metadata,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRouter,
  PluginUnavailableError,
  ServiceRegistry,
  WebSocketHandler,
  messageOf,
} from '@qntx/domains';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { replayable } from './replayable-request';

/** How often a replica reached at an address is asked for its health while it is left out. */
const RECHECK_MS = 1_000;

/** One process of a replicated plugin, as `GET /api/plugins` shows it. */
export interface ReplicaStatus {
  replica: number;
  up: boolean;
  state: string;
  pid: number | null;
  address: string | null;
  restarts: number;
  lastError: string | null;
}

/** One of the processes: launched by the host (a supervisor), or reached at an address. */
export interface Replica {
  plugin: DomainPlugin;
  supervisor?: PluginSupervisor;
  address?: string;
}

/**
 * A plugin served by several processes (`replicas = N`, or several addresses): one DomainPlugin
 * to the registry. Each request goes to the next replica that is up (round robin); a launched
 * replica is up while its supervisor says it serves, one at an address until a call to it finds
 * it unreachable (then its health is checked every second until it answers again). A request
 * that failed on one replica without an answer is sent once to another when that is safe (see
 * replayable-request.ts). A WebSocket stays on the replica it was opened on.
 */
export class ReplicatedPlugin implements DomainPlugin {
  private next = 0;
  private readonly down = new Map<Replica, string>();
  private readonly routers = new WeakMap<DomainPlugin, PluginRouter>();
  private readonly rechecks = new Map<Replica, NodeJS.Timeout>();
  private current: Replica[];
  private services: ServiceRegistry | null = null;
  private stopped = false;
  private readonly shutdownListeners: (() => void)[] = [];

  constructor(
    private readonly name: string,
    replicas: Replica[],
  ) {
    this.current = replicas;
  }

  get replicas(): readonly Replica[] {
    return this.current;
  }

  /**
   * The replicas now (a DNS name resolved again): new ones are initialized before they take
   * requests, gone ones stop taking them and their connections are closed.
   */
  async replaceReplicas(replicas: Replica[]): Promise<void> {
    const added = replicas.filter((replica) => !this.current.includes(replica));
    if (this.services) {
      const services = this.services;
      await Promise.allSettled(added.map(({ plugin }) => plugin.initialize(services)));
    }
    const gone = this.current.filter((replica) => !replicas.includes(replica));
    this.current = replicas;
    for (const replica of gone) {
      this.forget(replica);
      await replica.plugin.shutdown().catch(() => undefined);
    }
  }

  metadata(): Metadata {
    const known = this.replicas.map(({ plugin }) => plugin.metadata()).find((metadata) => metadata.version !== '');
    return known ?? { name: this.name, version: '', qntxVersion: '', description: '', author: '', license: '' };
  }

  /** Every replica that serves now; the set counts as initialized when one of them is. */
  async initialize(services: ServiceRegistry): Promise<void> {
    this.services = services;
    const results = await Promise.allSettled(this.replicas.map(({ plugin }) => plugin.initialize(services)));
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failures.length === results.length) {
      throw new Error(`no replica of "${this.name}" could be initialized: ${failures.map((f) => messageOf(f.reason)).join('; ')}`);
    }
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const replica of this.replicas) this.forget(replica);
    for (const listener of this.shutdownListeners) listener();
    await Promise.allSettled(this.replicas.map(({ plugin }) => plugin.shutdown()));
  }

  /** Called once at shutdown (a DNS re-resolution loop stops). */
  onShutdown(listener: () => void): void {
    this.shutdownListeners.push(listener);
  }

  private forget(replica: Replica): void {
    const timer = this.rechecks.get(replica);
    if (timer) clearInterval(timer);
    this.rechecks.delete(replica);
    this.down.delete(replica);
  }

  commands(): Promise<CommandDefinition[]> {
    return this.pick().plugin.commands();
  }

  async registerHttp(router: { handle: PluginRouter['handle'] }): Promise<void> {
    router.handle('*', `/api/${this.name}/{*path}`, (request) => this.forward(request), { streamBody: true });
  }

  registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    return this.pick().plugin.registerWebSocket();
  }

  async describeHttp(): Promise<HttpOperations | null> {
    return (await this.pick().plugin.describeHttp?.()) ?? null;
  }

  /** Healthy while one replica is; the details say which are up. */
  async health(): Promise<HealthStatus> {
    const statuses = this.describe();
    const up = statuses.filter((status) => status.up).length;
    const details = Object.fromEntries(statuses.map((status) => [`replica.${status.replica}`, status.up ? 'up' : status.state]));
    if (up === 0) return { healthy: false, message: `no replica of ${this.replicas.length} is up`, details };
    const health = await this.pick().plugin.health();
    return { ...health, message: `${up} of ${this.replicas.length} replicas up${health.message ? `; ${health.message}` : ''}`, details: { ...health.details, ...details } };
  }

  describe(): ReplicaStatus[] {
    return this.replicas.map((one, replica) => {
      const { supervisor, address } = one;
      if (supervisor) {
        const { state, pid, address: at, restarts, lastError } = supervisor.status();
        return { replica, up: this.isUp(one), state, pid, address: at, restarts, lastError };
      }
      const up = this.isUp(one);
      return { replica, up, state: up ? 'running' : 'unreachable', pid: null, address: address ?? null, restarts: 0, lastError: this.down.get(one) ?? null };
    });
  }

  /** The replica a new call goes to: the next one up after the last, or any when none is up (its error says why). */
  private pick(except?: Replica): Replica {
    const replicas = this.current;
    const count = replicas.length;
    if (count === 0) throw new PluginUnavailableError(this.name, 'it has no replica (its DNS name resolved to no address)');
    for (let step = 0; step < count; step++) {
      const index = (this.next + step) % count;
      if (replicas[index] === except || !this.isUp(replicas[index])) continue;
      this.next = (index + 1) % count;
      return replicas[index];
    }
    if (except !== undefined) throw new PluginUnavailableError(this.name, 'no other replica is up');
    const index = this.next % count;
    this.next = (index + 1) % count;
    return replicas[index];
  }

  private isUp(replica: Replica): boolean {
    if (replica.supervisor) return replica.supervisor.serving() !== null;
    return !this.down.has(replica);
  }

  private async forward(request: PluginHttpRequest): Promise<PluginHttpResponse> {
    const first = this.pick();
    try {
      return await this.send(first, request);
    } catch (error) {
      this.noteFailure(first, error);
      if (!replayable(request, error) || this.replicas.length < 2) throw error;
      let second: Replica;
      try {
        second = this.pick(first);
      } catch {
        throw error;
      }
      try {
        return await this.send(second, request);
      } catch (again) {
        this.noteFailure(second, again);
        throw again;
      }
    }
  }

  private async send(replica: Replica, request: PluginHttpRequest): Promise<PluginHttpResponse> {
    let router = this.routers.get(replica.plugin);
    if (!router) {
      router = new PluginRouter(this.name);
      await replica.plugin.registerHttp(router);
      this.routers.set(replica.plugin, router);
    }
    const match = router.match(request.method, request.path);
    if (!match) throw new Error(`no route for ${request.method} ${request.path}`);
    return match.handler({ ...request, params: match.params });
  }

  /** A replica at an address that could not be reached is left out until its health answers again. */
  private noteFailure(replica: Replica, error: unknown): void {
    if (this.stopped || replica.supervisor || !(error instanceof PluginUnavailableError) || this.down.has(replica)) return;
    if (!this.current.includes(replica)) return; // resolved away meanwhile
    this.down.set(replica, messageOf(error));
    const timer = setInterval(() => {
      replica.plugin.health().then(
        (health) => {
          if (health.healthy) this.forget(replica);
        },
        () => undefined,
      );
    }, RECHECK_MS);
    timer.unref();
    this.rechecks.set(replica, timer);
  }
}
