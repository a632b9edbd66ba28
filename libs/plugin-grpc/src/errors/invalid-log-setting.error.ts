/** A log format or level that does not exist, named with the setting it came from. */
export class InvalidLogSettingError extends Error {
  constructor(setting: string, value: string, allowed: readonly string[]) {
    super(`${setting} must be one of ${allowed.join(', ')}; got "${value}".`);
    this.name = 'InvalidLogSettingError';
  }
}
