/**
 * The part of the public API that loads without Nest (`@qntx/domains/lean`): the command types,
 * plugin call errors, the version-range check and the registration rules. For code that must start
 * fast, the CLI's fast path (apps/host/src/cli/fast/); everything here is also exported from
 * index.ts, and a module imported from either is the same module (instanceof holds across both).
 */
export * from './command.interface';
export type { DomainPlugin, Metadata, HealthStatus } from './domain-plugin.interface';
export { RESERVED_PLUGIN_NAMES } from './domains.constants';
export { normalizeVersionRange, hostSatisfies } from './version-range';
export { checkRegistrable } from './plugin-registration.rules';
export { DuplicatePluginError } from './errors/duplicate-plugin.error';
export { IncompatiblePluginError } from './errors/incompatible-plugin.error';
export { InvalidVersionRangeError } from './errors/invalid-version-range.error';
export { InvalidPluginNameError } from './errors/invalid-plugin-name.error';
export { clipped } from './errors/clipped-text';
export { messageOf } from './errors/plugin-lifecycle.error';
export { PluginUnavailableError, PluginCallError, PluginTimeoutError } from './errors/plugin-call.errors';
