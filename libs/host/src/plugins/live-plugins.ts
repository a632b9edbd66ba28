import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DomainRegistry, messageOf, ServiceRegistry } from '@qntx/domains';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_PROBATION_MS } from '../config/plugin-entry.defaults';
import { PluginEntry } from '../config/plugin-entry.interface';
import { DEFAULT_MAX_BODY_BYTES, HOST_OPTIONS, HOST_PLUGINS, HOST_VERSION, LOADED_PLUGINS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { HOST_SERVICES } from './host-services.provider';
import { LoadedPlugin } from './loaded-plugin.interface';
import { HostPlugins, loadPlugins, supervisorsOf } from './plugin-loader';
import { PluginGeneration } from './plugin-generation';
import { PluginChange, PluginSlot } from './plugin-slot';
import { PluginRouteTable } from './plugin-route-table';
import { startCandidate } from './generation-starter';
import { servicesWithSettings } from './live-services';
import { entryFingerprint } from './plugin-entry.fingerprint';
import { DesiredPlugins, PluginConfigSource } from './plugin-config.source';
import { PluginNotConfiguredError } from './plugin-not-configured.error';
import { failureSince, probation, retire } from './generation-probation';

/** WebSocket close code 1012, "service restart": the client should reconnect (to the new generation). */
const SERVICE_RESTART = 1012;
/** 1001, "going away": the plugin was removed. */
const GOING_AWAY = 1001;

/** One plugin's part in a reload. */
export interface PluginChangeReport extends PluginChange {
  name: string;
}

/** What a reload did: every change, and the plugins it left alone. */
export interface ReloadReport {
  file: string;
  changes: PluginChangeReport[];
  unchanged: string[];
}

/**
 * The plugins the host serves, while it runs: each name a PluginSlot in the registry, each slot
 * one or more generations. Plugins are added, removed and upgraded here, one change at a time;
 * a reload compares am.plugins.toml (and each am.<name>.toml) with what runs and applies the
 * difference, leaving unchanged plugins untouched. An upgrade starts the new version beside the
 * old one, switches new traffic once it passed Metadata, Initialize and Health, keeps the old one
 * running through the new one's probation (a crash sends traffic back), then drains and stops it.
 */
@Injectable()
export class LivePlugins implements BeforeApplicationShutdown {
  private readonly log = new Logger('Plugins');
  private readonly slots = new Map<string, PluginSlot>();
  private readonly listeners = new Set<() => void>();
  private readonly config: PluginConfigSource;
  /** Changes run one after the other: a reload, an upgrade and a SIGHUP never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly registry: DomainRegistry,
    private readonly routes: PluginRouteTable,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    @Inject(HOST_SERVICES) private readonly services: ServiceRegistry,
    @Inject(HOST_PLUGINS) private readonly hostPlugins: HostPlugins,
    @Inject(HOST_OPTIONS) private readonly options: HostOptions,
  ) {
    this.config = new PluginConfigSource(options, hostPlugins.config.file, hostPlugins.entries);
  }

  /** At bootstrap: every loaded plugin registered, initialized in order, its routes collected. */
  async start(): Promise<void> {
    const adopted = this.loaded.map((loaded) => {
      const name = loaded.plugin.metadata().name;
      const entry = this.hostPlugins.entries.find((candidate) => candidate.name === name);
      const settings = this.hostPlugins.settings[name] ?? {};
      const slot = new PluginSlot(name, new PluginGeneration(1, loaded), entry, entry ? entryFingerprint(entry, settings) : null);
      this.registry.register(slot);
      this.slots.set(name, slot);
      return slot;
    });
    for (const slot of adopted) await this.activate(slot, this.services);
    this.log.log(`Plugins ready: ${this.registry.names().join(', ') || '(none)'}`);
  }

  /** Every plugin, by name. */
  list(): PluginSlot[] {
    return [...this.slots.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): PluginSlot | undefined {
    return this.slots.get(name);
  }

  /** Called when a plugin is added or removed, or a generation changes state. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `qntx plugins reload`, SIGHUP: am.plugins.toml and each am.<name>.toml against what runs. `only`: that plugin alone. */
  reload(only?: string): Promise<ReloadReport> {
    return this.serially(async () => {
      const desired = this.config.read();
      const names = only !== undefined ? [only] : [...new Set([...this.slots.keys(), ...desired.entries.keys()])].sort();
      const report: ReloadReport = { file: desired.file, changes: [], unchanged: [] };
      for (const name of names) {
        const change = await this.apply(name, desired);
        if (change) report.changes.push({ name, ...change });
        else report.unchanged.push(name);
      }
      return report;
    });
  }

  /** A new generation of the plugin from its entry as it is now, even if nothing changed (a rolling restart). */
  upgrade(name: string): Promise<PluginChangeReport> {
    return this.serially(async () => {
      const slot = this.slots.get(name);
      const desired = this.config.read();
      const entry = desired.entries.get(name);
      if (!slot || !slot.entry) throw new PluginNotConfiguredError(name, desired.file, slot !== undefined);
      if (!entry) throw new PluginNotConfiguredError(name, desired.file, false);
      return { name, ...(await this.upgradeSlot(slot, entry, desired)) };
    });
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One plugin: added, removed, upgraded, or (null) left alone. */
  private async apply(name: string, desired: DesiredPlugins): Promise<PluginChange | null> {
    const slot = this.slots.get(name);
    const entry = desired.entries.get(name);
    if (slot && !slot.entry) return null; // given in code: not the file's to change
    if (!slot && !entry) return null;
    if (!entry) return this.remove(slot!);
    const settings = desired.settings(name);
    if (settings instanceof Error) return slot ? this.record(slot, failed('upgraded', slot, settings)) : failed('installed', undefined, settings);
    if (!slot) return this.install(entry, settings);
    if (slot.fingerprint === entryFingerprint(entry, settings)) return null;
    return this.upgradeSlot(slot, entry, desired);
  }

  private async install(entry: PluginEntry, settings: Record<string, string>): Promise<PluginChange> {
    const services = servicesWithSettings(this.services, entry.name, settings);
    let loaded: LoadedPlugin;
    try {
      [loaded] = await loadPlugins([entry], this.hostPlugins.config.file, this.maxBodyBytes);
    } catch (error) {
      return failed('installed', undefined, error);
    }
    const slot = new PluginSlot(entry.name, new PluginGeneration(1, loaded), entry, entryFingerprint(entry, settings));
    try {
      this.registry.register(slot);
    } catch (error) {
      await loaded.plugin.shutdown().catch(() => undefined);
      return failed('installed', undefined, error);
    }
    this.slots.set(entry.name, slot);
    this.loaded.push(loaded);
    try {
      await this.activate(slot, services);
    } catch (error) {
      // A built-in plugin that fails Initialize is not served (at start it would stop the host).
      this.unlist(slot);
      await slot.shutdown().catch(() => undefined);
      return failed('installed', undefined, error);
    }
    this.changed();
    const version = slot.metadata().version || null;
    const down = notServing(loaded);
    if (down) {
      // Listed and retried like a plugin that failed at start: its routes answer 503 until it is up.
      const reason = `it is not serving: ${down}; the host keeps trying (POST /api/plugins/${entry.name}/restart after a fix)`;
      return this.record(slot, { action: 'installed', outcome: 'failed', from: null, to: version, reason });
    }
    this.log.log(`Installed plugin "${entry.name}" ${version ?? ''} while running.`);
    return this.record(slot, { action: 'installed', outcome: 'started', from: null, to: version, reason: null });
  }

  /** Initializes a slot's first generation, registers its routes and hooks its restarts. */
  private async activate(slot: PluginSlot, services: ServiceRegistry): Promise<void> {
    const generation = slot.live;
    try {
      await this.registry.initialize(slot.name, services);
    } catch (error) {
      // An external plugin that is down now may come up later; a built-in one failing is fatal.
      if (generation.loaded.kind === 'built-in') throw error;
      this.log.warn(`Plugin "${slot.name}" was not initialized: ${messageOf(error)}`);
    }
    this.routes.set(slot.name, await generation.registerRoutes());
    generation.enter('live');
    this.hookRestarts(slot, generation, services);
    generation.onChange(() => this.changed());
  }

  /**
   * After each restart of its process, a generation gets its config again and its routes anew.
   * A replica that restarts is initialized alone: the others keep serving as they are.
   */
  private hookRestarts(slot: PluginSlot, generation: PluginGeneration, services: ServiceRegistry): void {
    const replicas = generation.loaded.replicas?.replicas ?? [];
    for (const { plugin, supervisor } of replicas) supervisor?.onActivate(() => plugin.initialize(services));
    generation.loaded.supervisor?.onActivate(async () => {
      const live = slot.live === generation && this.slots.get(slot.name) === slot;
      if (live) await this.registry.initialize(slot.name, services);
      else await generation.plugin.initialize(services);
      if (!generation.router) return; // its first launch: the routes come after the checks
      const router = await generation.registerRoutes();
      if (slot.live === generation && this.slots.get(slot.name) === slot) this.routes.set(slot.name, router);
    });
  }

  private async upgradeSlot(slot: PluginSlot, entry: PluginEntry, desired: DesiredPlugins): Promise<PluginChange> {
    const settings = desired.settings(slot.name);
    if (settings instanceof Error) return this.record(slot, failed('upgraded', slot, settings));
    const services = servicesWithSettings(this.services, slot.name, settings);
    const old = slot.live;
    const from = old.plugin.metadata().version || null;
    const number = slot.nextNumber();
    const started: { generation: PluginGeneration | null } = { generation: null };
    const track = (loaded: LoadedPlugin): PluginGeneration => {
      const generation = new PluginGeneration(number, loaded);
      started.generation = generation;
      generation.onChange(() => this.changed());
      slot.add(generation);
      this.changed();
      return generation;
    };
    this.log.log(`Upgrading plugin "${slot.name}" ${from ?? ''}: starting generation ${number} beside generation ${old.number}.`);
    try {
      const loaded = await startCandidate(entry, {
        configFile: desired.file,
        maxBodyBytes: this.maxBodyBytes,
        hostVersion: HOST_VERSION,
        services,
        beforeLaunch: (launched) => this.hookRestarts(slot, track(launched), services),
      });
      await (started.generation ?? track(loaded)).registerRoutes();
    } catch (error) {
      const reason = messageOf(error);
      started.generation?.enter('failed', reason);
      this.log.error(`${reason} Generation ${old.number} (${from ?? 'unknown version'}) keeps serving.`);
      return this.record(slot, { action: 'upgraded', outcome: 'kept', from, to: null, reason });
    }
    return this.switchOver(slot, old, started.generation!, entry, settings);
  }

  /** New traffic to `next` at once; back to `old` if `next` fails in probation; else `old` drains and stops. */
  private async switchOver(
    slot: PluginSlot,
    old: PluginGeneration,
    next: PluginGeneration,
    entry: PluginEntry,
    settings: Record<string, string>,
  ): Promise<PluginChange> {
    const from = old.plugin.metadata().version || null;
    const to = next.plugin.metadata().version || null;
    const probationMs = entry.probationMs ?? DEFAULT_PROBATION_MS;
    const switchedAt = Date.now();
    next.fallback = old;
    next.probationUntil = switchedAt + probationMs;
    this.point(slot, next, old);
    old.enter('draining');
    this.log.log(`Plugin "${slot.name}": generation ${next.number} (${to}) is live; generation ${old.number} (${from}) drains.`);
    this.record(slot, { action: 'upgraded', outcome: 'upgrading', from, to, reason: null });

    const crash = await probation(next, probationMs);
    next.probationUntil = null;
    if (crash !== null && !this.closing) {
      // `next.fallback` stays: requests still in flight on it when it died are answered by `old`.
      const failedAfterMs = Date.now() - switchedAt;
      this.point(slot, old, next);
      old.enter('live');
      await next.plugin.shutdown().catch(() => undefined);
      const why = (await failureSince(next, switchedAt)) ?? crash;
      const reason = `rolled back: generation ${next.number} (${to}) failed ${failedAfterMs} ms after going live: ${why}`;
      next.enter('failed', reason);
      this.log.error(`Plugin "${slot.name}" ${reason}; generation ${old.number} (${from}) serves again.`);
      return this.record(slot, { action: 'upgraded', outcome: 'rolled-back', from, to, reason });
    }
    next.fallback = null;
    slot.entry = entry;
    slot.fingerprint = entryFingerprint(entry, settings);
    const drainMs = entry.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    void retire(old, switchedAt + drainMs, switchedAt + Math.max(drainMs, entry.requestTimeoutMs), SERVICE_RESTART, `plugin "${slot.name}" was upgraded to ${to}`);
    return this.record(slot, { action: 'upgraded', outcome: 'upgraded', from, to, reason: null });
  }

  /** The registry, the route table and the loaded list all name `live` for the slot, in one turn. */
  private point(slot: PluginSlot, live: PluginGeneration, previous: PluginGeneration): void {
    slot.switchTo(live);
    if (live.router) this.routes.set(slot.name, live.router);
    live.enter('live');
    const index = this.loaded.indexOf(previous.loaded);
    if (index >= 0) this.loaded[index] = live.loaded;
    else this.loaded.push(live.loaded);
    this.changed();
  }

  /** Out of the registry and the route table at once (new requests: 404); what it serves finishes; then it stops. */
  private async remove(slot: PluginSlot): Promise<PluginChange> {
    const from = slot.metadata().version || null;
    this.unlist(slot);
    this.changed();
    const now = Date.now();
    const drainMs = slot.entry?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    const requestMs = Math.max(drainMs, slot.entry?.requestTimeoutMs ?? 0);
    const running = slot.generations().filter((g) => g.state === 'live' || g.state === 'draining' || g.state === 'starting');
    for (const generation of running) generation.enter('draining');
    await Promise.all(running.map((g) => g.drain(now + drainMs, now + requestMs, GOING_AWAY, `plugin "${slot.name}" was removed`)));
    try {
      await slot.shutdown();
    } catch (error) {
      this.log.warn(`Plugin "${slot.name}" did not shut down cleanly: ${messageOf(error)}`);
    }
    this.log.log(`Removed plugin "${slot.name}" while running.`);
    return this.record(slot, { action: 'removed', outcome: 'removed', from, to: null, reason: null });
  }

  private unlist(slot: PluginSlot): void {
    this.routes.delete(slot.name);
    this.registry.unregister(slot.name);
    this.slots.delete(slot.name);
    for (const generation of slot.generations()) {
      const index = this.loaded.indexOf(generation.loaded);
      if (index >= 0) this.loaded.splice(index, 1);
    }
  }

  private record(slot: PluginSlot, change: Omit<PluginChange, 'at'>): PluginChange {
    slot.lastChange = { ...change, at: new Date().toISOString() };
    this.changed();
    return slot.lastChange;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private get maxBodyBytes(): number {
    return this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }
}

/** Why a launched plugin does not serve now (the last failure of a process); null when all serve, or it is not launched. */
function notServing(loaded: LoadedPlugin): string | null {
  const down = supervisorsOf(loaded).find((supervisor) => !supervisor.serving());
  if (!down) return null;
  return down.lastFailure()?.reason ?? `it is ${down.status().state}`;
}

/** A change that could not be made: nothing was switched. */
function failed(action: PluginChange['action'], slot: PluginSlot | undefined, error: unknown): PluginChange {
  const from = slot ? slot.metadata().version || null : null;
  return { action, outcome: slot ? 'kept' : 'failed', from, to: null, reason: messageOf(error), at: new Date().toISOString() };
}
