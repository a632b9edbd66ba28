export class InvalidConfigValueError extends Error {
  constructor(domain: string, key: string, value: string, expected: string) {
    super(`Config key "${key}" of plugin "${domain}" is "${value}", which is not ${expected}.`);
    this.name = 'InvalidConfigValueError';
  }
}
