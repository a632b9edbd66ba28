import { join } from 'node:path';
import { expandTree } from './env-expansion';
import { readTomlFile } from './toml-file.reader';

/**
 * `$QNTX_HOME/am.<plugin>.toml` as the text map that travels in InitializeRequest.config, with
 * `${VAR}` / `${VAR:-default}` expanded from the environment. Nested tables flatten to dotted
 * keys; arrays travel as JSON text. The values are never logged: they often hold secrets.
 */
export function loadPluginSettings(
  home: string,
  plugin: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const file = join(home, `am.${plugin}.toml`);
  const doc = readTomlFile(file);
  if (doc === null) return {};
  return flatten(expandTree(doc, env, file, '') as Record<string, unknown>, '');
}

function flatten(value: Record<string, unknown>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)) {
      Object.assign(out, flatten(item as Record<string, unknown>, name));
    } else if (Array.isArray(item)) {
      out[name] = JSON.stringify(item);
    } else {
      out[name] = item instanceof Date ? item.toISOString() : String(item);
    }
  }
  return out;
}
