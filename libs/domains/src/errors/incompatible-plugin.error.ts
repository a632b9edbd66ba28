import { clipped } from './clipped-text';

export class IncompatiblePluginError extends Error {
  constructor(
    readonly plugin: string,
    readonly range: string,
    readonly hostVersion: string,
  ) {
    super(
      `Plugin "${plugin}" requires host version "${clipped(range)}", but this host is ${hostVersion}. ` +
        `Install a plugin release built for ${hostVersion}, or a host that satisfies "${clipped(range)}".`,
    );
    this.name = 'IncompatiblePluginError';
  }
}
