import { ModuleMetadata } from '@nestjs/common';

export interface DomainsModuleOptions {
  /** The host's version, checked against each plugin's `qntxVersion` range. */
  hostVersion: string;
  /** How long one plugin's health check may take before it counts as unhealthy. */
  healthTimeoutMs?: number;
}

export interface DomainsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => DomainsModuleOptions | Promise<DomainsModuleOptions>;
  inject?: (string | symbol | Function)[];
}
