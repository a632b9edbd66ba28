/** What a plugin is doing, as `GET /api/plugins` shows it. */
export type PluginState = 'starting' | 'running' | 'unhealthy' | 'restarting' | 'failed' | 'stopped';

export interface PluginRuntimeStatus {
  state: PluginState;
  pid: number | null;
  address: string | null;
  restarts: number;
  lastError: string | null;
  /** Seconds since the current process became ready, or null when it is not up. */
  uptimeSeconds: number | null;
}
