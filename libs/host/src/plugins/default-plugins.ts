import { Logger } from '@nestjs/common';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { PluginTimeoutError, PluginUnavailableError } from '@qntx/domains';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../config/plugin-entry.defaults';
import { PluginEntry } from '../config/plugin-entry.interface';
import { installedCodePlugin, locateBundledCodePlugin } from './bundled-code-plugin';

const PROBE_TIMEOUT_MS = 1_000;
const PROBE_INTERVAL_MS = 150;

/**
 * The plugins of a host without am.plugins.toml: the code plugin. One that answers at `address`
 * within `waitMs` (`nest start code-plugin`, or README's by-hand plugin started in the background
 * a moment before the host) is used as it is; otherwise the host launches and supervises the
 * one-file build in `$QNTX_HOME/plugins/` when it is there, else the bundled one. The entry's
 * `origin` says which, and why, in `GET /api/plugins` and on the status page.
 */
export async function defaultPluginEntries(address: string, home: string, waitMs: number): Promise<PluginEntry[]> {
  const log = new Logger('Plugins');
  const base = { name: 'code', enabled: true, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS };
  if (await codePluginAnswers(address, waitMs)) {
    log.log(`No am.plugins.toml; using the code plugin that answers at ${address}.`);
    return [{ ...base, address, origin: `found at ${address} (the default, without am.plugins.toml)` }];
  }
  const installed = installedCodePlugin(home);
  const binary = installed ?? locateBundledCodePlugin();
  const which = installed ? 'installed' : 'bundled';
  log.log(`No am.plugins.toml and no code plugin at ${address} within ${waitMs} ms; launching the ${which} one (${binary}).`);
  const origin = `launched the ${which} code plugin because nothing answered at ${address} within ${waitMs} ms (the default, without am.plugins.toml)`;
  return [{ ...base, binary, args: [], env: {}, autoStart: true, origin }];
}

/**
 * Probes `address` until a code plugin answers or `waitMs` has passed. Only "nothing listens yet"
 * and "no answer yet" are worth another try; anything else there (another plugin) is final.
 */
async function codePluginAnswers(address: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const proxy = await ExternalDomainProxy.connect(address, { expectedName: 'code', controlTimeoutMs: PROBE_TIMEOUT_MS });
      proxy.client.close();
      return true;
    } catch (error) {
      const starting = error instanceof PluginUnavailableError || error instanceof PluginTimeoutError;
      if (!starting || Date.now() + PROBE_INTERVAL_MS >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  }
}
