import { PluginAttestations, ServiceRegistry } from '@qntx/domains';
import { Workspace } from './workspace';
import { WorkspaceWatcher } from './workspace-watcher';
import { GitBinary } from './git/git-binary';

const STORE_PROBE_MS = 2000;

export interface CodeHealth {
  healthy: boolean;
  message: string;
  details: Record<string, string>;
}

interface HealthParts {
  workspace: Workspace;
  watcher: WorkspaceWatcher;
  git: GitBinary;
  services: ServiceRegistry | null;
  attestations: PluginAttestations | null;
}

/**
 * Healthy when the workspace can be read and the host-services channel answers (or none is
 * offered). Git and the store are reported but do not make the plugin unhealthy: without them
 * the tree, files and search still work, and the message says what is degraded.
 */
export async function checkCodeHealth(parts: HealthParts): Promise<CodeHealth> {
  const [workspace, git, channel, store] = await Promise.all([
    parts.workspace.readable(),
    parts.git.status(),
    parts.services ? parts.services.channel('code') : Promise.resolve({ ok: true, detail: 'not initialized yet' }),
    storeStatus(parts.attestations),
  ]);
  const degraded = [!git.ok && 'git', !store.ok && 'store'].filter(Boolean);
  const healthy = workspace.ok && channel.ok;
  const message = !workspace.ok
    ? 'workspace not readable'
    : !channel.ok
      ? 'host-services channel down'
      : degraded.length
        ? `workspace readable; degraded: ${degraded.join(', ')}`
        : 'workspace readable';
  return {
    healthy,
    message,
    details: {
      workspace: workspace.detail,
      git: git.detail,
      'host-services': channel.detail,
      store: store.detail,
      watches: String(parts.watcher.active),
      'watched folders': String(parts.watcher.watchedFolders),
      'pending fs requests': String(pendingFsRequests()),
    },
  };
}

/**
 * File-system requests the thread pool still owes the plugin (readdir, stat, open...): near 0 at
 * idle, so work queued for clients that left would show here.
 */
function pendingFsRequests(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource.startsWith('FSReq')).length;
}

/** A host probes health every few seconds; counting a large store that often is wasted work. */
const STORE_STATUS_TTL_MS = 10_000;
const storeStatusCache = new WeakMap<PluginAttestations, { at: number; status: { ok: boolean; detail: string } }>();

async function storeStatus(attestations: PluginAttestations | null): Promise<{ ok: boolean; detail: string }> {
  if (!attestations) return { ok: false, detail: 'not initialized yet' };
  const cached = storeStatusCache.get(attestations);
  if (cached && Date.now() - cached.at < STORE_STATUS_TTL_MS) return cached.status;
  const status = await countOwnRecords(attestations);
  storeStatusCache.set(attestations, { at: Date.now(), status });
  return status;
}

async function countOwnRecords(attestations: PluginAttestations): Promise<{ ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const count = await Promise.race([
      attestations.count({ source: 'code' }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${STORE_PROBE_MS} ms`)), STORE_PROBE_MS);
      }),
    ]);
    return { ok: true, detail: `${count} attestations written by code` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
