import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { messageOf, Metadata, PluginUnavailableError } from '@qntx/domains';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { SupervisionSettings } from '../config/plugin-entry.interface';
import { PluginLogBuffer, PluginLogLevel, PluginOutputStream } from './plugin-log-buffer';
import { parseStructuredLogLine } from './plugin-log-line.parser';
import { describeExit, LaunchSpec, PluginProcess, ProcessExit } from './plugin-process';
import { PluginRuntimeStatus, PluginState } from './plugin-runtime-status';
import { connectWhenReady } from './plugin-readiness';
import { PluginStartError } from './plugin-start.error';
import { RestartPolicy } from './restart-policy';
import { freeLoopbackPort } from './free-port';

/** The Shutdown RPC gets at most this long before the signals start. */
const SHUTDOWN_RPC_TIMEOUT_MS = 2_000;
/** Lines of stderr quoted when a launch fails. */
const STDERR_TAIL_LINES = 10;

export interface SupervisorOptions {
  spec: LaunchSpec;
  settings: SupervisionSettings;
  requestTimeoutMs: number;
  maxBodyBytes?: number;
  hostVersion: string;
  logCapacity?: number;
}

/** Why the plugin last went down, with what it said on stderr just before. */
export interface PluginFailure {
  reason: string;
  pid: number | null;
  stderr: string[];
  at: string;
}

/**
 * Launches one plugin, watches it and brings it back. States: starting → running ⇄ unhealthy;
 * a crash or repeated failed health checks → restarting (backoff with jitter) → running again,
 * or failed once the restart ceiling is reached; stopped after `stop()`. Every launch gets a new
 * token and address; `onActivate` hooks re-initialize the plugin and re-register its routes.
 */
export class PluginSupervisor {
  readonly name: string;
  readonly logs: PluginLogBuffer;
  private readonly log: Logger;
  private readonly output: Logger;
  private readonly policy: RestartPolicy;
  private state: PluginState = 'stopped';
  private process: PluginProcess | null = null;
  private proxy: ExternalDomainProxy | null = null;
  private token: string | null = null;
  private address: string | null = null;
  private metadata: Metadata | null = null;
  private restarts = 0;
  private launches = 0;
  private failure: PluginFailure | null = null;
  private readySince: number | null = null;
  private nextAttemptAt: number | null = null;
  /** Bumped by every launch and stop, so late results of an abandoned launch are ignored. */
  private generation = 0;
  private failedChecks = 0;
  private checking = false;
  private healthTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private manualRestart: Promise<void> | null = null;
  private activate: (() => Promise<void>) | null = null;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly options: SupervisorOptions) {
    this.name = options.spec.name;
    this.logs = new PluginLogBuffer(options.logCapacity);
    this.log = new Logger(`Supervisor:${this.name}`);
    this.output = new Logger(`plugin:${this.name}`);
    this.policy = new RestartPolicy(options.settings);
  }

  /** Runs after each restart once the plugin answers, before it counts as running (Initialize, routes). */
  onActivate(hook: () => Promise<void>): void {
    this.activate = hook;
  }

  /** Called whenever state, pid or address change (the runtime file follows them); returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** First launch; resolves once it is running or has failed (a failure schedules a restart). */
  start(): Promise<void> {
    return this.launch('starting');
  }

  /** POST /api/plugins/<name>/restart: stop whatever runs, forget past restarts, launch again. */
  restart(): Promise<void> {
    this.manualRestart ??= (async () => {
      await this.stop();
      this.policy.reset();
      const again = this.launches > 0;
      if (again) this.restarts++;
      await this.launch(again ? 'restarting' : 'starting');
    })().finally(() => (this.manualRestart = null));
    return this.manualRestart;
  }

  /** Shutdown RPC, then SIGTERM to the process group, then SIGKILL after the grace period. */
  async stop(): Promise<void> {
    this.generation++;
    this.clearTimers();
    const { process: proc, proxy } = this;
    this.process = null;
    this.proxy = null;
    this.readySince = null;
    this.setState('stopped');
    if (proxy) {
      const grace = this.options.settings.shutdownGraceMs;
      await proxy.client.shutdown(Math.min(grace || 1, SHUTDOWN_RPC_TIMEOUT_MS)).catch(() => undefined);
      proxy.client.close();
    }
    if (proc) await proc.terminate(this.options.settings.shutdownGraceMs);
    this.changed();
  }

  /** The plugin's gRPC adapter while it serves (running or unhealthy); null otherwise. */
  serving(): ExternalDomainProxy | null {
    return this.state === 'running' || this.state === 'unhealthy' ? this.proxy : null;
  }

  /** The adapter of a launch that answered Metadata, even before it counts as running (activation). */
  connected(): ExternalDomainProxy | null {
    return this.proxy;
  }

  lastMetadata(): Metadata | null {
    return this.metadata;
  }

  /** What a call to the plugin fails with while it is not serving: 503 with a Retry-After. */
  unavailable(): PluginUnavailableError {
    const wait = this.nextAttemptAt ? Math.ceil((this.nextAttemptAt - Date.now()) / 1000) + 1 : 1;
    const retryAfter = this.state === 'failed' || this.state === 'stopped' ? 60 : Math.max(1, wait);
    const hint = this.state === 'failed' ? ` (POST /api/plugins/${this.name}/restart once it is fixed)` : '';
    return new PluginUnavailableError(this.name, `it is ${this.state}${hint}`, retryAfter);
  }

  status(): PluginRuntimeStatus {
    const up = this.serving() !== null && this.readySince !== null;
    return {
      state: this.state,
      pid: this.process?.alive ? this.process.pid : null,
      address: this.process?.alive ? this.address : null,
      restarts: this.restarts,
      lastError: this.failure?.reason ?? null,
      uptimeSeconds: up ? Math.round((Date.now() - this.readySince!) / 100) / 10 : null,
    };
  }

  lastFailure(): PluginFailure | null {
    return this.failure;
  }

  /** pid, address and token of the serving process, for the host's runtime file. */
  runtime(): { pid: number | null; address: string | null; token: string | null } {
    const serving = this.serving() !== null && this.process !== null;
    return {
      pid: serving ? this.process!.pid : null,
      address: serving ? this.address : null,
      token: serving ? this.token : null,
    };
  }

  private async launch(state: 'starting' | 'restarting'): Promise<void> {
    const generation = ++this.generation;
    const { settings } = this.options;
    this.launches++;
    this.nextAttemptAt = null;
    this.address = null;
    this.token = randomBytes(32).toString('hex');
    let proc: PluginProcess;
    let told: number | null = null;
    try {
      // A plugin without the handshake is told its port (`--port`, as QNTX's launcher does) instead of announcing one.
      const { spec } = this.options;
      if (spec.handshake === false) told = await freeLoopbackPort();
      if (generation !== this.generation) return;
      const launched = told === null ? spec : { ...spec, args: [...spec.args, '--port', String(told)] };
      proc = PluginProcess.spawn(launched, this.token, (stream, line, pid) => this.record(stream, line, pid));
    } catch (error) {
      await this.fail(`could not be started: ${messageOf(error)}`, null);
      return this.scheduleRestart(false);
    }
    this.process = proc;
    this.setState(state);
    void proc.exited.then((exit) => this.onExit(proc, exit));
    let proxy: ExternalDomainProxy | null = null;
    try {
      const deadline = Date.now() + settings.startTimeoutMs;
      const address = told === null ? await proc.handshake(settings.startTimeoutMs) : `127.0.0.1:${told}`;
      proxy = await connectWhenReady(address, {
        name: this.name,
        token: this.token,
        deadline,
        startTimeoutMs: settings.startTimeoutMs,
        requestTimeoutMs: this.options.requestTimeoutMs,
        maxBodyBytes: this.options.maxBodyBytes,
        hostVersion: this.options.hostVersion,
        alive: () => proc.alive,
      });
      if (generation !== this.generation) return proxy.client.close();
      this.proxy = proxy;
      this.address = address;
      this.metadata = proxy.metadata();
      await this.activate?.();
      if (generation !== this.generation) return;
      if (!proc.alive) throw new PluginStartError('exited while being initialized');
      this.readySince = Date.now();
      this.failedChecks = 0;
      this.setState('running');
      this.log.log(`Plugin "${this.name}" ${this.metadata.version} is running (pid ${proc.pid}, ${address}).`);
      this.startHealthChecks(generation);
    } catch (error) {
      if (generation !== this.generation) return proxy?.client.close();
      this.process = null;
      this.proxy = null;
      proxy?.client.close();
      await this.fail(`failed to start: ${messageOf(error)}`, proc);
      if (generation !== this.generation) return;
      this.scheduleRestart(!(error instanceof PluginStartError) || error.retryable);
    }
  }

  private async onExit(proc: PluginProcess, exit: ProcessExit): Promise<void> {
    if (proc !== this.process) return; // a launch already handled, or stopped on purpose
    const wasServing = this.serving() !== null;
    this.process = null;
    if (!wasServing) return; // still starting: the launch itself reports the failure
    const generation = this.generation;
    this.goDown();
    await this.fail(`exited unexpectedly (${describeExit(exit)})`, proc);
    if (generation === this.generation) this.scheduleRestart(true);
  }

  /** From the moment a serving plugin is known to be down, its calls fail fast with 503. */
  private goDown(): void {
    this.clearTimers();
    this.closeProxy();
    this.readySince = null;
    this.setState('restarting');
  }

  private scheduleRestart(retryable: boolean): void {
    this.clearTimers();
    const delay = retryable ? this.policy.next(Date.now()) : null;
    if (delay === null) {
      if (retryable && this.failure) {
        const { maxRestarts, restartWindowMs } = this.options.settings;
        this.failure.reason += `; gave up after ${maxRestarts} restarts within ${restartWindowMs / 1000} s`;
      }
      this.setState('failed');
      this.log.error(`Plugin "${this.name}" is marked failed; POST /api/plugins/${this.name}/restart to try again.`);
      return;
    }
    this.nextAttemptAt = Date.now() + delay;
    this.setState('restarting');
    this.log.warn(`Restarting plugin "${this.name}" in ${delay} ms.`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarts++;
      void this.launch('restarting');
    }, delay);
  }

  private startHealthChecks(generation: number): void {
    const { healthIntervalMs } = this.options.settings;
    if (healthIntervalMs <= 0) return;
    this.healthTimer = setInterval(() => void this.checkHealth(generation), healthIntervalMs);
  }

  /**
   * A check that gets no answer counts toward a restart; a plugin that answers "unhealthy" is
   * shown so but left running, since a restart rarely fixes what it reports (a remote API down).
   */
  private async checkHealth(generation: number): Promise<void> {
    const proxy = this.serving();
    if (this.checking || !proxy || generation !== this.generation) return;
    this.checking = true;
    try {
      const answer = await proxy.client.health(this.options.settings.healthTimeoutMs);
      if (generation !== this.generation) return;
      this.failedChecks = 0;
      if (!answer.healthy && this.state !== 'unhealthy') this.log.warn(`Plugin "${this.name}" reports itself unhealthy.`);
      this.setState(answer.healthy ? 'running' : 'unhealthy');
    } catch (error) {
      if (generation !== this.generation) return;
      this.failedChecks++;
      this.setState('unhealthy');
      const { unhealthyThreshold } = this.options.settings;
      if (this.failedChecks < unhealthyThreshold) return;
      const proc = this.process;
      this.process = null;
      this.goDown();
      await this.fail(`${this.failedChecks} health checks failed in a row (last: ${messageOf(error)})`, proc);
      if (generation === this.generation) this.scheduleRestart(true);
    } finally {
      this.checking = false;
    }
  }

  /** Makes sure the launch is dead (its whole group), then records and logs why, with its last stderr lines. */
  private async fail(reason: string, proc: PluginProcess | null): Promise<void> {
    if (proc) {
      await proc.kill();
      await proc.drained(500);
    }
    const stderr = proc ? this.logs.tail(proc.pid, 'stderr', STDERR_TAIL_LINES) : [];
    this.failure = { reason, pid: proc?.pid ?? null, stderr, at: new Date().toISOString() };
    const tail = stderr.length ? `; last stderr lines:\n  ${stderr.join('\n  ')}` : '';
    this.log.error(`Plugin "${this.name}" ${reason}${tail}`);
  }

  /** Keeps the line and relays it to the host's log as a structured line with plugin, pid and stream. */
  private record(stream: PluginOutputStream, text: string, pid: number): void {
    const structured = parseStructuredLogLine(text);
    const time = new Date().toISOString();
    if (!structured) {
      this.logs.push({ time, pid, stream, text });
      return this.output.log({ msg: text, plugin: this.name, pid, stream });
    }
    const { level, msg, fields } = structured;
    this.logs.push({ time, pid, stream, text: msg, level, fields });
    relayAt(this.output, level, { ...fields, msg, plugin: this.name, pid, stream });
  }

  private closeProxy(): void {
    this.proxy?.client.close();
    this.proxy = null;
  }

  private clearTimers(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.healthTimer = null;
    this.restartTimer = null;
    this.nextAttemptAt = null;
  }

  private setState(state: PluginState): void {
    if (this.state === state) return;
    this.state = state;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}

/** A plugin's structured line at its own level in the host's log. */
function relayAt(logger: Logger, level: PluginLogLevel, line: Record<string, unknown>): void {
  if (level === 'trace') logger.verbose(line);
  else if (level === 'debug') logger.debug(line);
  else if (level === 'warn') logger.warn(line);
  else if (level === 'error') logger.error(line);
  else if (level === 'fatal') logger.fatal(line);
  else logger.log(line);
}
