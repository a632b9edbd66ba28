import { HostConfig } from '../config/host-config.interface';
import { resolveHostConfig, resolvePluginSettings } from '../config/host-config.factory';
import { PluginEntry } from '../config/plugin-entry.interface';
import { supervisionOf } from '../config/plugin-entry.defaults';
import { DEFAULT_CODE_PLUGIN_ADDRESS, DEFAULT_CODE_PLUGIN_WAIT_MS, DEFAULT_MAX_BODY_BYTES, HOST_VERSION } from '../host.constants';
import { DEFAULT_MAX_MESSAGE_BYTES, ENV_PLUGIN_MAX_MESSAGE_BYTES } from '@qntx/plugin-grpc';
import { HostOptions } from '../host-options.interface';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { SupervisedPlugin } from '../supervisor/supervised-plugin';
import { loadBuiltinModule } from './builtin-module.loader';
import { listenRefusal } from '../access/plugin-access';
import { LoadedPlugin } from './loaded-plugin.interface';
import { connectExternalPlugins } from './plugin-connector';
import { ReplicatedPlugin } from './replicated-plugin';
import { defaultPluginEntries } from './default-plugins';

export interface HostPlugins {
  config: HostConfig;
  /** Each plugin's settings (am.<name>.toml), read before any plugin is launched. */
  settings: Record<string, Record<string, string>>;
  loaded: LoadedPlugin[];
  /** The enabled entries the plugins came from (their limits, for the HTTP bridge). */
  entries: PluginEntry[];
}

/** Everything the host module is built from: configuration, settings, and the plugins themselves. */
export async function loadHostPlugins(options: HostOptions, config = resolveHostConfig(options)): Promise<HostPlugins> {
  assertListenPolicy(options, config);
  const entries =
    configuredEntries(options, config) ??
    (await defaultPluginEntries(
      options.defaultCodePluginAddress ?? DEFAULT_CODE_PLUGIN_ADDRESS,
      options.home,
      options.defaultCodePluginWaitMs ?? DEFAULT_CODE_PLUGIN_WAIT_MS,
    ));
  const given = (options.builtins ?? []).map((plugin): LoadedPlugin => ({ plugin, kind: 'built-in', origin: 'given to QntxHostModule as a built-in' }));
  const names = [...given.map(({ plugin }) => plugin.metadata().name), ...entries.filter((e) => e.enabled).map((e) => e.name)];
  const settings = resolvePluginSettings(options, names);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return { config, settings, entries, loaded: [...given, ...(await loadPlugins(entries, config.file, maxBodyBytes))] };
}

/** The entries of am.plugins.toml or of the options, each with where it was listed; undefined without either. */
function configuredEntries(options: HostOptions, config: HostConfig): PluginEntry[] | undefined {
  const origin = options.plugins ? 'given in the host options' : `listed in ${config.file}`;
  return config.plugins?.map((entry) => ({ origin, ...entry }));
}

/**
 * The enabled entries as DomainPlugins: built-in modules loaded in-process, running plugins
 * connected to, binaries launched under a supervisor. Launches run last, so a configuration
 * problem found earlier leaves no process behind; the host waits for each first launch (ready
 * or failed) so that its routes answer as soon as it listens.
 */
export async function loadPlugins(
  entries: PluginEntry[],
  configFile: string,
  defaultMaxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<LoadedPlugin[]> {
  const enabled = entries.filter((entry) => entry.enabled);
  const builtin: LoadedPlugin[] = [];
  for (const entry of enabled.filter((e) => e.builtin)) {
    builtin.push({ plugin: await loadBuiltinModule(entry, configFile), kind: 'built-in', origin: entry.origin });
  }
  const connected = await connectExternalPlugins(
    enabled.filter((entry) => !entry.builtin && entry.address),
    defaultMaxBodyBytes,
  );
  const launched = enabled
    .filter((entry) => !entry.builtin && entry.binary)
    .map((entry) => superviseEntry(entry, entry.maxBodyBytes ?? defaultMaxBodyBytes));
  const starting = launched.filter(({ autoStart }) => autoStart).flatMap(({ loaded }) => supervisorsOf(loaded));
  await Promise.all(starting.map((supervisor) => supervisor.start()));
  return [...builtin, ...connected, ...launched.map(({ loaded }) => loaded)];
}

/** A `binary` entry as a supervised plugin (or `replicas` of them), not started yet. */
export function superviseEntry(entry: PluginEntry, maxBodyBytes: number): { loaded: LoadedPlugin; autoStart: boolean } {
  const autoStart = entry.autoStart !== false;
  const count = entry.replicas ?? 1;
  if (count <= 1) {
    const supervisor = supervisorOf(entry, maxBodyBytes);
    return { loaded: { plugin: new SupervisedPlugin(supervisor), kind: 'external', supervisor, origin: entry.origin }, autoStart };
  }
  const replicas = Array.from({ length: count }, () => {
    const supervisor = supervisorOf(entry, maxBodyBytes);
    return { plugin: new SupervisedPlugin(supervisor), supervisor };
  });
  const set = new ReplicatedPlugin(entry.name, replicas);
  return { loaded: { plugin: set, kind: 'external', replicas: set, origin: entry.origin }, autoStart };
}

/** The supervisors of a launched plugin: its one, or one per replica. */
export function supervisorsOf(loaded: LoadedPlugin): PluginSupervisor[] {
  if (loaded.supervisor) return [loaded.supervisor];
  return (loaded.replicas?.replicas ?? []).flatMap(({ supervisor }) => (supervisor ? [supervisor] : []));
}

function supervisorOf(entry: PluginEntry, maxBodyBytes: number): PluginSupervisor {
  // The plugin's gRPC message limit must hold the largest buffered body (plus framing).
  const messageLimit = { [ENV_PLUGIN_MAX_MESSAGE_BYTES]: String(Math.max(DEFAULT_MAX_MESSAGE_BYTES, maxBodyBytes + 64 * 1024)) };
  return new PluginSupervisor({
    spec: {
      name: entry.name,
      binary: entry.binary!,
      args: entry.args ?? [],
      env: { ...messageLimit, ...(entry.env ?? {}) },
      inheritEnv: entry.inheritEnv ?? [],
      handshake: entry.handshake !== false,
    },
    settings: supervisionOf(entry.supervision),
    requestTimeoutMs: entry.requestTimeoutMs,
    maxBodyBytes,
    hostVersion: HOST_VERSION,
  });
}

/** Throws before any plugin is launched when the host would serve plugins off loopback to anyone. */
export function assertListenPolicy(options: HostOptions, config: HostConfig): void {
  const refusal = options.listenAddress === undefined ? null : listenRefusal(options.listenAddress, config);
  if (refusal) throw new Error(refusal);
}
