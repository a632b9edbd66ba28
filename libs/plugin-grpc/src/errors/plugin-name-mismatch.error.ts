export class PluginNameMismatchError extends Error {
  constructor(expected: string, actual: string, address: string) {
    super(
      `The plugin at ${address} reports the name "${actual}", but the configuration expects "${expected}". ` +
        'Check the address or binary of that [[plugins]] entry.',
    );
    this.name = 'PluginNameMismatchError';
  }
}
