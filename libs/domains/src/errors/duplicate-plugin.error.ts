export class DuplicatePluginError extends Error {
  constructor(readonly plugin: string) {
    super(`A plugin named "${plugin}" is already registered; plugin names must be unique.`);
    this.name = 'DuplicatePluginError';
  }
}
