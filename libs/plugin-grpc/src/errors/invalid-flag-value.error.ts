export class InvalidFlagValueError extends Error {
  constructor(flag: string, value: string, expected: string) {
    super(`Flag --${flag} got "${value}", which is not ${expected}.`);
    this.name = 'InvalidFlagValueError';
  }
}
