/** A certificate or key named in the TLS settings cannot be read. */
export class TlsFileError extends Error {
  constructor(
    readonly setting: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Cannot read the TLS ${setting} file "${file}": ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Check that the path is right and that the process may read the file.',
    );
    this.name = 'TlsFileError';
  }
}

/** TLS settings that cannot work together, e.g. a certificate without its key. */
export class TlsSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsSettingsError';
  }
}
