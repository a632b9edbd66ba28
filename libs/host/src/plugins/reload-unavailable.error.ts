/** A reload asked of a host whose plugins do not come from am.plugins.toml. */
export class ReloadUnavailableError extends Error {
  constructor(detail: string) {
    super(`Cannot reload plugins: ${detail}`);
    this.name = 'ReloadUnavailableError';
  }
}
