/** A new generation of a plugin that did not pass its checks: traffic stays on the old one. */
export class GenerationCheckError extends Error {
  constructor(
    readonly plugin: string,
    readonly detail: string,
  ) {
    super(`Plugin "${plugin}": the new version was not switched to: ${detail}`);
    this.name = 'GenerationCheckError';
  }
}
