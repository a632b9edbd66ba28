import { Logger } from '@nestjs/common';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../config/plugin-entry.defaults';
import { PluginEntry } from '../config/plugin-entry.interface';
import { installedCodePlugin, locateBundledCodePlugin } from './bundled-code-plugin';

const PROBE_TIMEOUT_MS = 1_000;

/**
 * The plugins of a host without am.plugins.toml: the code plugin. One that already answers at
 * `address` (`nest start code-plugin`, perhaps in watch mode) is used as it is; otherwise the
 * host launches and supervises the one-file build in `$QNTX_HOME/plugins/` when it is there,
 * else the bundled one.
 */
export async function defaultPluginEntries(address: string, home: string): Promise<PluginEntry[]> {
  const log = new Logger('Plugins');
  const base = { name: 'code', enabled: true, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS };
  if (await answersAsCodePlugin(address)) {
    log.log(`No am.plugins.toml; using the code plugin that answers at ${address}.`);
    return [{ ...base, address }];
  }
  const installed = installedCodePlugin(home);
  const binary = installed ?? locateBundledCodePlugin();
  log.log(`No am.plugins.toml and no code plugin at ${address}; launching the ${installed ? 'installed' : 'bundled'} one (${binary}).`);
  return [{ ...base, binary, args: [], env: {}, autoStart: true }];
}

async function answersAsCodePlugin(address: string): Promise<boolean> {
  try {
    const proxy = await ExternalDomainProxy.connect(address, { expectedName: 'code', controlTimeoutMs: PROBE_TIMEOUT_MS });
    proxy.client.close();
    return true;
  } catch {
    return false;
  }
}
