/** A request body over the limit of the path it would take (the host answers 413). */
export class BodyTooLargeError extends Error {
  constructor(
    readonly plugin: string,
    readonly limit: number,
    hint = 'Send a smaller body, or raise max_body_bytes for this plugin in am.plugins.toml.',
  ) {
    super(`The request body is larger than the ${limit}-byte limit of plugin "${plugin}". ${hint}`);
    this.name = 'BodyTooLargeError';
  }
}
