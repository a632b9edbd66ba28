import { DomainPlugin } from '@qntx/domains';

/** Where the CLI writes: the process's streams, or captured streams in tests and embeddings. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Show progress on stderr (only when it is a terminal). */
  progress: boolean;
}

export interface CliOptions {
  /** The config directory ($QNTX_HOME). */
  home: string;
  io: CliIo;
  /** Plugins that run inside the CLI process, as the host runs its built-ins; shut down when the run ends. */
  builtins?: DomainPlugin[];
  /** Overrides every plugin's command timeout (QNTX_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  /** Where the code plugin is looked for when there is no am.plugins.toml (QNTX_CODE_PLUGIN_ADDRESS). */
  codePluginAddress?: string;
  /** The bundled code plugin launched when it is not running (QNTX_CODE_PLUGIN_MAIN overrides the search). */
  codePluginMain?: string | null;
  /** Cancels the command in flight (Ctrl-C). */
  signal?: AbortSignal;
}
