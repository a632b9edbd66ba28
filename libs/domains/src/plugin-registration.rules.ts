import type { Metadata } from './domain-plugin.interface';
import { RESERVED_PLUGIN_NAMES } from './domains.constants';
import { hostSatisfies, normalizeVersionRange } from './version-range';
import { IncompatiblePluginError } from './errors/incompatible-plugin.error';
import { InvalidVersionRangeError } from './errors/invalid-version-range.error';
import { InvalidPluginNameError } from './errors/invalid-plugin-name.error';

const PLUGIN_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/**
 * What a plugin's metadata must satisfy before a registry takes it: a usable name that is not one
 * of the host's namespaces, and a host-version range (if any) that `hostVersion` satisfies.
 * Throws the error naming what is wrong. `DomainRegistry.register` applies it, and so does the
 * CLI's fast path, which reaches a plugin without a registry.
 */
export function checkRegistrable(
  { name, qntxVersion }: Pick<Metadata, 'name' | 'qntxVersion'>,
  hostVersion: string,
): void {
  if (!PLUGIN_NAME.test(name)) {
    throw new InvalidPluginNameError(name, 'use lower-case letters, digits, "-" and "_", starting with a letter');
  }
  if (RESERVED_PLUGIN_NAMES.includes(name)) {
    throw new InvalidPluginNameError(name, `"/api/${name}" belongs to the host`);
  }
  const range = qntxVersion ?? '';
  if (range.trim() !== '') {
    if (normalizeVersionRange(range) === null) throw new InvalidVersionRangeError(name, range);
    if (!hostSatisfies(hostVersion, range)) throw new IncompatiblePluginError(name, range, hostVersion);
  }
}
