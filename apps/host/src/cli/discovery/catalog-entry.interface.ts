import { DomainPlugin } from '@qntx/domains';

/** Where the CLI learned of a plugin. */
export type PluginSource = 'built-in' | 'host' | 'config' | 'default';

/** A plugin the CLI can name, before anything is connected. */
export interface CatalogEntry {
  name: string;
  kind: 'built-in' | 'external';
  source: PluginSource;
  enabled: boolean;
  /** "host:port" of an external plugin; null for built-ins and entries without one. */
  address: string | null;
  /** The per-launch token a host-supervised plugin expects. */
  token: string | null;
  commandTimeoutMs: number;
  /** The plugin object, for the built-ins the CLI runs in its own process. */
  builtin: DomainPlugin | null;
  /** Nothing answering at `address` is not an error: the CLI starts the bundled plugin itself. */
  autoStart: boolean;
}

export interface PluginCatalogView {
  entries: CatalogEntry[];
  /** Where the list came from, for people: "the host (pid 123)", a file, or the defaults. */
  origin: string;
}
