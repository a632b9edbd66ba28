import { ConfigFileError } from './config-file.error';

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Expands `${VAR}` and `${VAR:-default}` from the environment (`$${` stays a literal `${`).
 * `:-` takes the default when the variable is unset or empty, as in a shell. A variable that is
 * unset and has no default is an error naming the file, the key and the variable; the value
 * itself is never part of a message, since it may be a secret.
 */
export function expandVariables(text: string, env: NodeJS.ProcessEnv, file: string, key: string): string {
  return text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${';
    const value = env[name];
    if (fallback !== undefined) return value === undefined || value === '' ? fallback : value;
    if (value === undefined) {
      throw new ConfigFileError(
        file,
        `key "${key}" refers to the environment variable ${name}, which is not set. ` +
          `Set ${name}, or give a default with \${${name}:-default}.`,
      );
    }
    return value;
  });
}

/** Expands every string in a parsed TOML value; `path` names the key in messages. */
export function expandTree(value: unknown, env: NodeJS.ProcessEnv, file: string, path: string): unknown {
  if (typeof value === 'string') return expandVariables(value, env, file, path);
  if (Array.isArray(value)) return value.map((item, i) => expandTree(item, env, file, `${path}[${i}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = expandTree(item, env, file, path ? `${path}.${key}` : key);
    }
    return out;
  }
  return value;
}
