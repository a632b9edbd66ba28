import { DomainPlugin } from '@qntx/domains';
import { createBuiltinPlugin, PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { HttpProbeModule } from './http-probe.plugin';
import { ListeningHost, startListeningHost } from './listening-host.fixture';

export type ProbeKind = 'external' | 'built-in';

export interface ProbeLimits {
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  /** The plugin process's own gRPC message limit (external only). */
  pluginMaxMessageBytes?: number;
}

export interface ProbeHost extends ListeningHost {
  /** The plugin's gRPC server, when it is external. */
  plugin: RunningPlugin | null;
}

/**
 * A listening host with the probe plugin, either as its own gRPC server (external, reached over
 * HandleHTTPStream) or in-process (built-in). Same plugin code, same assertions.
 */
export async function startProbeHost(kind: ProbeKind, limits: ProbeLimits = {}): Promise<ProbeHost> {
  const requestTimeoutMs = limits.requestTimeoutMs ?? 10_000;
  if (kind === 'external') {
    const plugin = await PluginFactory.create(HttpProbeModule, {
      port: 0,
      logger: false,
      maxMessageBytes: limits.pluginMaxMessageBytes,
    });
    const host = await startListeningHost({
      plugins: [{ name: 'probe', enabled: true, address: plugin.address, requestTimeoutMs, maxBodyBytes: limits.maxBodyBytes }],
    });
    return {
      ...host,
      plugin,
      close: async () => {
        await host.close();
        await plugin.close();
      },
    };
  }
  const builtin: DomainPlugin = await createBuiltinPlugin(HttpProbeModule, { logger: false });
  const host = await startListeningHost({ builtins: [builtin], requestTimeoutMs, maxBodyBytes: limits.maxBodyBytes });
  return { ...host, plugin: null };
}
