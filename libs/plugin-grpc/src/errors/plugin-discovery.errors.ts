export class MissingPluginError extends Error {
  constructor() {
    super(
      'No @Plugin() provider was found in the module. Decorate one provider class with ' +
        "@Plugin({ name, version }) and list it in the module's providers.",
    );
    this.name = 'MissingPluginError';
  }
}

export class MultiplePluginsError extends Error {
  constructor(names: string[]) {
    super(`One application serves one plugin, but several @Plugin() providers were found: ${names.join(', ')}.`);
    this.name = 'MultiplePluginsError';
  }
}
