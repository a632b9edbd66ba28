import { Logger } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { messageOf } from '@qntx/domains';
import { PluginEntry } from '../config/plugin-entry.interface';
import { Replica, ReplicatedPlugin } from './replicated-plugin';

/** How often a DNS name is resolved again (pods come and go behind a headless Service). */
export const DNS_REFRESH_MS = 30_000;

const log = new Logger('PluginConnector');

/**
 * `address = "dns:///name:port"`: one replica per address the name resolves to (a Kubernetes
 * headless Service resolves to its ready pods), resolved again every 30 s: new addresses are
 * connected to and initialized, gone ones dropped. Over TLS each replica is verified against the
 * name (or `server_name`), not its IP address. A failed lookup keeps the replicas there are.
 */
export async function dnsReplicatedPlugin(
  entry: PluginEntry,
  connect: (entry: PluginEntry, address: string) => Promise<Replica>,
): Promise<ReplicatedPlugin> {
  const { host, port } = entry.dnsName!;
  const perReplica: PluginEntry = entry.tls ? { ...entry, tls: { ...entry.tls, serverName: entry.tls.serverName ?? host } } : entry;
  const byAddress = new Map<string, Replica>();
  const resolveNow = async (): Promise<Replica[]> => {
    const found = (await lookup(host, { all: true })).map(({ address, family }) => (family === 6 ? `[${address}]:${port}` : `${address}:${port}`));
    for (const address of found) {
      if (!byAddress.has(address)) byAddress.set(address, await connect(perReplica, address));
    }
    for (const address of [...byAddress.keys()]) if (!found.includes(address)) byAddress.delete(address);
    return [...byAddress.values()];
  };
  let first: Replica[] = [];
  try {
    first = await resolveNow();
  } catch (error) {
    log.warn(`Plugin "${entry.name}": ${host} does not resolve yet (${messageOf(error)}); its routes answer 503 until it does.`);
  }
  const replicas = new ReplicatedPlugin(entry.name, first);
  const timer = setInterval(() => {
    resolveNow().then(
      (now) => replicas.replaceReplicas(now),
      (error: unknown) => log.warn(`Plugin "${entry.name}": resolving ${host} again failed (${messageOf(error)}); keeping its ${replicas.replicas.length} replicas.`),
    );
  }, DNS_REFRESH_MS);
  timer.unref();
  replicas.onShutdown(() => clearInterval(timer));
  return replicas;
}
