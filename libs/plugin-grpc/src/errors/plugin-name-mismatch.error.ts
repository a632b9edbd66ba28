import { clipped } from '@qntx/domains/lean';

export class PluginNameMismatchError extends Error {
  constructor(expected: string, actual: string, address: string) {
    super(
      `The plugin at ${address} reports the name "${clipped(actual)}", but the configuration expects "${expected}". ` +
        'Check the address or binary of that [[plugins]] entry.',
    );
    this.name = 'PluginNameMismatchError';
  }
}
