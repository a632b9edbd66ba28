import { Logger } from '@nestjs/common';
import { clipped } from '@qntx/domains';
import { ExternalDomainProxy, PluginNameMismatchError, TlsFileError, TlsSettingsError } from '@qntx/plugin-grpc';
import { PluginEntry } from '../config/plugin-entry.interface';
import { DEFAULT_MAX_BODY_BYTES } from '../host.constants';
import { LoadedPlugin } from './loaded-plugin.interface';
import { MisnamedPlugin } from './misnamed-plugin';
import { ReplicatedPlugin } from './replicated-plugin';
import { dnsReplicatedPlugin } from './dns-replicas';

const log = new Logger('PluginConnector');

/**
 * Connects to the external plugins of the configuration. A plugin that does not answer yet is
 * still registered under its configured name: its routes answer 503 until it comes up. One that
 * answers with another name is registered failed (MisnamedPlugin), and the host starts anyway.
 * An entry with several addresses, or a `dns:///` name, becomes one ReplicatedPlugin over a
 * connection to each address.
 */
export async function connectExternalPlugins(
  entries: PluginEntry[],
  defaultMaxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<LoadedPlugin[]> {
  const enabled = entries.filter((entry) => entry.enabled && entry.address);
  return Promise.all(
    enabled.map(async (entry): Promise<LoadedPlugin> => {
      if (entry.dnsName) {
        const connect = async (one: PluginEntry, address: string) => ({ plugin: (await connectOne(one, address, defaultMaxBodyBytes)).plugin, address });
        const replicas = await dnsReplicatedPlugin(entry, connect);
        return { plugin: replicas, kind: 'external', address: entry.address, origin: entry.origin, replicas };
      }
      if (!entry.addresses) return connectOne(entry, entry.address!, defaultMaxBodyBytes);
      // Several addresses: one plugin served by each, requests spread over those that answer.
      const reached = await Promise.all(entry.addresses.map((address) => connectOne(entry, address, defaultMaxBodyBytes)));
      const replicas = new ReplicatedPlugin(
        entry.name,
        reached.map(({ plugin, address }) => ({ plugin, address })),
      );
      return { plugin: replicas, kind: 'external', address: entry.addresses.join(','), origin: entry.origin, replicas };
    }),
  );
}

async function connectOne(entry: PluginEntry, address: string, defaultMaxBodyBytes: number): Promise<LoadedPlugin> {
  const options = {
    expectedName: entry.name,
    requestTimeoutMs: entry.requestTimeoutMs,
    controlTimeoutMs: 3000,
    tls: entry.tls,
    maxBodyBytes: entry.maxBodyBytes ?? defaultMaxBodyBytes,
  };
  try {
    const plugin = await ExternalDomainProxy.connect(address, options);
    log.log(`Connected to plugin "${entry.name}" ${clipped(plugin.metadata().version)} at ${address}`);
    return { plugin, kind: 'external', address, origin: entry.origin };
  } catch (error) {
    if (error instanceof PluginNameMismatchError) {
      log.error(`Plugin "${entry.name}" is marked failed: ${error.message}`);
      const plugin = new MisnamedPlugin(entry.name, error.message);
      return { plugin, kind: 'external', address, origin: entry.origin, failure: error.message };
    }
    // Wrong TLS files are a configuration error, not a plugin that is still starting.
    if (error instanceof TlsFileError || error instanceof TlsSettingsError) throw error;
    log.warn(`Plugin "${entry.name}" is not reachable at ${address} yet; its routes answer 503 until it is.`);
    return { plugin: ExternalDomainProxy.detached(entry.name, address, options), kind: 'external', address, origin: entry.origin };
  }
}
