/** A configuration file that cannot be used, with the file and what to fix. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ConfigFileError';
  }
}
