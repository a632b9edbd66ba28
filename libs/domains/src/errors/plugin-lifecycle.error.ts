/** A plugin failed to initialize; the host stops starting the rest. */
export class PluginInitializeError extends Error {
  constructor(
    readonly plugin: string,
    readonly cause: unknown,
  ) {
    super(`Plugin "${plugin}" failed to initialize: ${messageOf(cause)}`);
    this.name = 'PluginInitializeError';
  }
}

/** Some plugins failed to shut down; every failure is listed, none stopped the others. */
export class PluginShutdownError extends Error {
  constructor(readonly failures: { plugin: string; error: unknown }[]) {
    super(
      `${failures.length} plugin(s) failed to shut down: ` +
        failures.map((f) => `"${f.plugin}": ${messageOf(f.error)}`).join('; '),
    );
    this.name = 'PluginShutdownError';
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
