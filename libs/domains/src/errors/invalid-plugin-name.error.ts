import { clipped } from './clipped-text';

export class InvalidPluginNameError extends Error {
  constructor(
    readonly plugin: string,
    reason: string,
  ) {
    super(`Plugin name "${clipped(plugin)}" cannot be used: ${reason}.`);
    this.name = 'InvalidPluginNameError';
  }
}
