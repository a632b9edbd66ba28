/**
 * `$QNTX_HOME/run/host.json`, written by a running host (the shared contract): where the plugins
 * it supervises listen and the token each expects.
 */
export interface HostRuntime {
  pid: number;
  hostVersion: string;
  url: string;
  startedAt: string;
  plugins: HostRuntimePlugin[];
}

export interface HostRuntimePlugin {
  name: string;
  kind: 'built-in' | 'external';
  address: string | null;
  token: string | null;
  pid: number | null;
}
