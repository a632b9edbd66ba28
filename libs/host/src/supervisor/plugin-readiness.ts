import { hostSatisfies, messageOf } from '@qntx/domains';
import { ExternalDomainProxy, PluginNameMismatchError } from '@qntx/plugin-grpc';
import { PluginStartError } from './plugin-start.error';

/** Deadline of Metadata, Initialize and the other control calls to a launched plugin. */
const CONTROL_TIMEOUT_MS = 5_000;
/** Pause between two Metadata attempts while the plugin's server comes up. */
const RETRY_MS = 100;

export interface ReadinessOptions {
  /** The configured name the plugin must report; absent when any name will do (`qntx plugin install`). */
  name?: string;
  token: string;
  /** Epoch ms by which the plugin must be ready. */
  deadline: number;
  startTimeoutMs: number;
  requestTimeoutMs: number;
  /** Largest request body buffered for the plugin's non-streaming path. */
  maxBodyBytes?: number;
  hostVersion: string;
  /** Whether the launched process still runs (no point in retrying once it has exited). */
  alive: () => boolean;
}

/**
 * Ready means Metadata answers, with the configured name and a host-version range this host
 * satisfies, before the deadline. Another name or range is not retried: a restart cannot fix it.
 */
export async function connectWhenReady(address: string, options: ReadinessOptions): Promise<ExternalDomainProxy> {
  for (;;) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) {
      throw new PluginStartError(`did not answer Metadata at ${address} within ${options.startTimeoutMs} ms`);
    }
    try {
      const proxy = await ExternalDomainProxy.connect(address, {
        token: options.token,
        expectedName: options.name,
        requestTimeoutMs: options.requestTimeoutMs,
        maxBodyBytes: options.maxBodyBytes,
        controlTimeoutMs: Math.min(remaining, CONTROL_TIMEOUT_MS),
      });
      const range = proxy.metadata().qntxVersion;
      if (!satisfies(options.hostVersion, range)) {
        proxy.client.close();
        throw new PluginStartError(`it requires host version "${range}", this host is ${options.hostVersion}`, false);
      }
      return proxy;
    } catch (error) {
      if (error instanceof PluginNameMismatchError) throw new PluginStartError(error.message, false);
      if (error instanceof PluginStartError) throw error;
      if (!options.alive()) throw new PluginStartError(`exited before answering Metadata: ${messageOf(error)}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MS, Math.max(0, options.deadline - Date.now()))));
    }
  }
}

function satisfies(hostVersion: string, range: string): boolean {
  try {
    return hostSatisfies(hostVersion, range);
  } catch {
    return false; // not a range at all
  }
}
