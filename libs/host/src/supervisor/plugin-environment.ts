/**
 * What a launched plugin gets of the host's environment unasked: what a process needs to run
 * (search path, home, locale, time zone, temporary folder), Node's own settings, and the host
 * settings plugins follow. Nothing else: the host's environment holds its admin token and
 * whatever credentials its operator has, and a plugin gets those only by `inherit_env`.
 */
const PASSED_NAMES: ReadonlySet<string> = new Set([
  'PATH',
  'HOME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_ENV',
  'QNTX_LOG_LEVEL',
  'QNTX_PROTO_DIR',
]);

/** Locale categories (`LC_ALL`, `LC_CTYPE`...). */
const PASSED_PREFIX = 'LC_';

/** The names passed unasked, for the operator's guide. */
export const PASSED_ENVIRONMENT = [...PASSED_NAMES, `${PASSED_PREFIX}*`];

/** A variable name `inherit_env` accepts. */
export const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The part of `source` (the host's environment) a launched plugin starts with, plus the `inherit` names. */
export function pluginEnvironment(
  inherit: readonly string[] = [],
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const asked = new Set(inherit);
  const passed: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (PASSED_NAMES.has(name) || name.startsWith(PASSED_PREFIX) || asked.has(name)) passed[name] = value;
  }
  return passed;
}
