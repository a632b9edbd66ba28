/** `upgrade` of a plugin that no am.plugins.toml entry describes. */
export class PluginNotConfiguredError extends Error {
  constructor(
    readonly plugin: string,
    file: string,
    running: boolean,
  ) {
    super(
      running
        ? `Plugin "${plugin}" runs but is not listed in ${file} (or was given in code): there is no entry to upgrade it from.`
        : `No plugin "${plugin}" is listed in ${file} and running; "qntx plugin install" adds one, "qntx plugins reload" applies the file.`,
    );
    this.name = 'PluginNotConfiguredError';
  }
}
