import {
  CommandDefinition,
  DomainPlugin,
  HealthStatus,
  HttpOperations,
  HttpRouter,
  Metadata,
  ServiceRegistry,
  WebSocketHandler,
} from '@qntx/domains';
import { PluginEntry } from '../config/plugin-entry.interface';
import { GenerationStatus, PluginGeneration } from './plugin-generation';

/** Generations kept for status after they stopped or failed (the newest ones). */
const HISTORY = 4;

/** The last change made to a plugin while the host ran, as `GET /api/plugins` shows it. */
export interface PluginChange {
  action: 'installed' | 'upgraded' | 'removed';
  /**
   * started: installed and serving; upgrading: the new generation is live, in probation;
   * upgraded: it passed probation; kept: it failed a check and never took traffic (the old one
   * serves); rolled-back: it went live and failed in probation; failed: an install that did not
   * happen; removed.
   */
  outcome: 'started' | 'upgrading' | 'upgraded' | 'kept' | 'rolled-back' | 'failed' | 'removed';
  from: string | null;
  to: string | null;
  reason: string | null;
  at: string;
}

/**
 * One plugin name in the registry, whatever version serves it: every call goes to the live
 * generation, so switching generations changes what the registry, the socket gateway and the
 * status see at once, without touching them. The HTTP route table is switched with it (see
 * LivePlugins). Older generations stay listed while they drain, and a few after they stop.
 */
export class PluginSlot implements DomainPlugin {
  private liveGeneration: PluginGeneration;
  private readonly all: PluginGeneration[];
  private numbers: number;
  lastChange: PluginChange | null = null;

  constructor(
    readonly name: string,
    first: PluginGeneration,
    /** The am.plugins.toml entry it was made from; absent for plugins given in code. */
    public entry: PluginEntry | undefined,
    /** What the entry and its files looked like (see entryFingerprint); a reload compares it. */
    public fingerprint: string | null,
  ) {
    this.liveGeneration = first;
    this.all = [first];
    this.numbers = first.number;
  }

  get live(): PluginGeneration {
    return this.liveGeneration;
  }

  nextNumber(): number {
    return ++this.numbers;
  }

  /** Lists a generation being started, so status shows it while its checks run. */
  add(generation: PluginGeneration): void {
    this.all.push(generation);
    const finished = this.all.filter((g) => g !== this.liveGeneration && (g.state === 'stopped' || g.state === 'failed'));
    for (const old of finished.slice(0, Math.max(0, finished.length - HISTORY))) this.all.splice(this.all.indexOf(old), 1);
  }

  /** New traffic goes to `generation` from now on. */
  switchTo(generation: PluginGeneration): void {
    this.liveGeneration = generation;
  }

  generations(): PluginGeneration[] {
    return [...this.all];
  }

  /** Newest first. */
  describeGenerations(): GenerationStatus[] {
    return this.all.map((generation) => generation.status()).reverse();
  }

  metadata(): Metadata {
    return this.liveGeneration.plugin.metadata();
  }

  initialize(services: ServiceRegistry): Promise<void> {
    return this.liveGeneration.plugin.initialize(services);
  }

  /** Every generation still running: the live one, one draining, one being started. */
  async shutdown(): Promise<void> {
    const running = this.all.filter((g) => g.state !== 'stopped' && g.state !== 'failed');
    const results = await Promise.allSettled(running.map((g) => g.plugin.shutdown()));
    for (const generation of running) generation.enter('stopped');
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  commands(): Promise<CommandDefinition[]> {
    return this.liveGeneration.plugin.commands();
  }

  registerHttp(router: HttpRouter): Promise<void> {
    return this.liveGeneration.plugin.registerHttp(router);
  }

  /** Asked at each upgrade by the gateway: the socket opens on the generation live at that moment and stays there. */
  registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    return this.liveGeneration.sockets();
  }

  health(): Promise<HealthStatus> {
    return this.liveGeneration.plugin.health();
  }

  /** The live generation's route description (the OpenAPI document follows upgrades). */
  async describeHttp(): Promise<HttpOperations | null> {
    return (await this.liveGeneration.plugin.describeHttp?.()) ?? null;
  }
}
