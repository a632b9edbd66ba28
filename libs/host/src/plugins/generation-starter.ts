import { createRequire } from 'node:module';
import { checkRegistrable, DomainPlugin, messageOf, ServiceRegistry } from '@qntx/domains';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { PluginEntry } from '../config/plugin-entry.interface';
import { supervisionOf } from '../config/plugin-entry.defaults';
import { loadBuiltinModule } from './builtin-module.loader';
import { GenerationCheckError } from './generation-check.error';
import { LoadedPlugin } from './loaded-plugin.interface';
import { superviseEntry, supervisorsOf } from './plugin-loader';
import { connectExternalPlugins } from './plugin-connector';
import { ReplicatedPlugin } from './replicated-plugin';

const CONTROL_TIMEOUT_MS = 3_000;

export interface CandidateContext {
  configFile: string;
  maxBodyBytes: number;
  hostVersion: string;
  /** The services it is initialized with (its am.<name>.toml as read now). */
  services: ServiceRegistry;
  /** Called with a launched plugin before its process starts (to hook its later restarts). */
  beforeLaunch(loaded: LoadedPlugin): void;
}

/**
 * Starts the entry's plugin beside the generation that serves now and checks it the way the
 * issue's generations demand: Metadata (the configured name, a host-version range this host
 * satisfies), Initialize, then Health. Resolves with the plugin only when all three passed;
 * otherwise whatever was started is stopped and a GenerationCheckError says which check failed.
 */
export async function startCandidate(entry: PluginEntry, ctx: CandidateContext): Promise<LoadedPlugin> {
  const loaded = entry.binary ? await launch(entry, ctx) : await reach(entry, ctx);
  try {
    await checkHealth(entry, loaded.plugin);
    return loaded;
  } catch (error) {
    await loaded.plugin.shutdown().catch(() => undefined);
    throw error;
  }
}

/**
 * A launched plugin: each process's first launch runs Metadata and Initialize (its activation);
 * with `replicas`, every one of them must pass.
 */
async function launch(entry: PluginEntry, ctx: CandidateContext): Promise<LoadedPlugin> {
  const { loaded } = superviseEntry(entry, entry.maxBodyBytes ?? ctx.maxBodyBytes);
  const supervisors = supervisorsOf(loaded);
  ctx.beforeLaunch(loaded);
  await Promise.all(supervisors.map((supervisor) => supervisor.start()));
  const down = supervisors.find((supervisor) => !['running', 'unhealthy'].includes(supervisor.status().state));
  if (down) {
    const reason = down.lastFailure()?.reason ?? `it is ${down.status().state}`;
    await Promise.all(supervisors.map((supervisor) => supervisor.stop())); // no restart loop for a candidate: the old generation still serves
    throw new GenerationCheckError(entry.name, supervisors.length > 1 ? `a replica ${reason}` : reason);
  }
  return loaded;
}

/** A plugin at an address, or a built-in module: connected or loaded, checked, initialized. */
async function reach(entry: PluginEntry, ctx: CandidateContext): Promise<LoadedPlugin> {
  let plugin: DomainPlugin;
  let replicas: ReplicatedPlugin | undefined;
  try {
    if (entry.addresses || entry.dnsName) [{ plugin, replicas }] = await connectExternalPlugins([entry], ctx.maxBodyBytes);
    else plugin = entry.builtin ? await loadFresh(entry, ctx.configFile) : await connect(entry, ctx);
  } catch (error) {
    throw new GenerationCheckError(entry.name, `Metadata: ${messageOf(error)}`);
  }
  try {
    checkRegistrable(plugin.metadata(), ctx.hostVersion);
  } catch (error) {
    await plugin.shutdown().catch(() => undefined);
    throw new GenerationCheckError(entry.name, `Metadata: ${messageOf(error)}`);
  }
  try {
    await plugin.initialize(ctx.services);
  } catch (error) {
    await plugin.shutdown().catch(() => undefined);
    throw new GenerationCheckError(entry.name, `Initialize: ${messageOf(error)}`);
  }
  return entry.builtin
    ? { plugin, kind: 'built-in', origin: entry.origin }
    : { plugin, kind: 'external', address: entry.addresses?.join(',') ?? entry.address, origin: entry.origin, replicas };
}

function connect(entry: PluginEntry, ctx: CandidateContext): Promise<ExternalDomainProxy> {
  return ExternalDomainProxy.connect(entry.address!, {
    expectedName: entry.name,
    requestTimeoutMs: entry.requestTimeoutMs,
    controlTimeoutMs: CONTROL_TIMEOUT_MS,
    tls: entry.tls,
    maxBodyBytes: entry.maxBodyBytes ?? ctx.maxBodyBytes,
  });
}

/** The module file as it is now on disk: a file Node loaded before is read again. */
function loadFresh(entry: PluginEntry, configFile: string): Promise<DomainPlugin> {
  const file = entry.module!;
  delete createRequire(file).cache[file];
  return loadBuiltinModule(entry, configFile);
}

async function checkHealth(entry: PluginEntry, plugin: DomainPlugin): Promise<void> {
  const timeoutMs = supervisionOf(entry.supervision).healthTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const health = await Promise.race([plugin.health(), late]);
    if (!health.healthy) throw new Error(`it reports itself unhealthy: ${health.message || '(no message)'}`);
  } catch (error) {
    throw new GenerationCheckError(entry.name, `Health: ${messageOf(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
