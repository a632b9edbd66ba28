import { clipped } from './clipped-text';

export class InvalidVersionRangeError extends Error {
  constructor(
    readonly plugin: string,
    readonly range: string,
  ) {
    super(
      `Plugin "${plugin}" declares host version range "${clipped(range)}", which is not a valid semver range ` +
        `(examples: ">=0.1.0 <2.0.0", "^1.2.0", ">= 0.1.0, < 2.0.0").`,
    );
    this.name = 'InvalidVersionRangeError';
  }
}
