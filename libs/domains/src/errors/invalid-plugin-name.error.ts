export class InvalidPluginNameError extends Error {
  constructor(
    readonly plugin: string,
    reason: string,
  ) {
    super(`Plugin name "${plugin}" cannot be used: ${reason}.`);
    this.name = 'InvalidPluginNameError';
  }
}
