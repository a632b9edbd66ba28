import { DomainPlugin } from '@qntx/domains';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import type { ReplicatedPlugin } from './replicated-plugin';

export type PluginKind = 'built-in' | 'external';

/** A plugin as the host loaded it: the one interface, plus how it is reached (for status only). */
export interface LoadedPlugin {
  plugin: DomainPlugin;
  kind: PluginKind;
  address?: string;
  /** Why the host uses this plugin (the entry's `origin`): shown by GET /api/plugins and the status page. */
  origin?: string;
  /** Why the host refused the plugin it reached (it reports another name): `failed` in GET /api/plugins. */
  failure?: string;
  /** Set when the host launched the plugin and watches its process (one process: no `replicas`). */
  supervisor?: PluginSupervisor;
  /** Set when several processes serve the plugin (`replicas = N`, or several addresses); `plugin` is this set. */
  replicas?: ReplicatedPlugin;
}
