import { randomBytes } from 'node:crypto';
import { DomainPlugin, messageOf, Metadata } from '@qntx/domains';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { PluginLogBuffer } from '@qntx/host/supervisor/plugin-log-buffer';
import { PluginProcess } from '@qntx/host/supervisor/plugin-process';
import { connectWhenReady } from '@qntx/host/supervisor/plugin-readiness';
import { PluginStartError } from '@qntx/host/supervisor/plugin-start.error';

/** Lines of stderr quoted when the trial start fails. */
const STDERR_TAIL_LINES = 10;
const STOP_GRACE_MS = 2_000;

/** A plugin file that did not come up as a plugin; carries the end of what it printed on stderr. */
export class PluginTrialError extends Error {
  constructor(
    readonly detail: string,
    readonly stderr: string[],
    /** It started, but as a plugin this host cannot use (its host-version range, its handshake). */
    readonly unusable: boolean,
  ) {
    super(detail);
    this.name = 'PluginTrialError';
  }
}

export interface TrialOptions {
  hostVersion: string;
  startTimeoutMs: number;
  /** Further checks of the plugin that answered (they throw to refuse it). */
  accept?: (plugin: DomainPlugin) => void;
}

/**
 * Starts `file` exactly as the host will (PluginProcess: its own process group, the handshake
 * env and a fresh token; then Metadata until it answers, with the host-version check), reads its
 * Metadata and stops it again.
 */
export async function tryPluginStart(file: string, options: TrialOptions): Promise<Metadata> {
  const token = randomBytes(32).toString('hex');
  const output = new PluginLogBuffer(200);
  const proc = PluginProcess.spawn({ name: file, binary: file, args: [], env: {} }, token, (stream, text, pid) =>
    output.push({ time: new Date().toISOString(), pid, stream, text }),
  );
  let proxy: ExternalDomainProxy | null = null;
  try {
    try {
      const deadline = Date.now() + options.startTimeoutMs;
      const address = await proc.handshake(options.startTimeoutMs);
      proxy = await connectWhenReady(address, {
        token,
        deadline,
        startTimeoutMs: options.startTimeoutMs,
        requestTimeoutMs: options.startTimeoutMs,
        hostVersion: options.hostVersion,
        alive: () => proc.alive,
      });
    } catch (error) {
      await proc.kill();
      await proc.drained(500);
      const unusable = error instanceof PluginStartError && !error.retryable;
      throw new PluginTrialError(messageOf(error), output.tail(proc.pid, 'stderr', STDERR_TAIL_LINES), unusable);
    }
    options.accept?.(proxy);
    return proxy.metadata();
  } finally {
    if (proxy) {
      await proxy.client.shutdown(STOP_GRACE_MS).catch(() => undefined);
      proxy.client.close();
    }
    await proc.terminate(STOP_GRACE_MS);
  }
}
