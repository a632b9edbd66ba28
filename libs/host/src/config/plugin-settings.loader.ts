import { join } from 'node:path';
import { expandTree } from './env-expansion';
import { readTomlFile } from './toml-file.reader';

/**
 * The default settings a plugin ships (its `config/am.<name>.toml`), as `qntx plugin install`
 * puts them next to the plugin: `$QNTX_HOME/plugins/qntx-<name>.am.toml`.
 */
export function pluginDefaultsFile(home: string, plugin: string): string {
  return join(home, 'plugins', `qntx-${plugin}.am.toml`);
}

/**
 * `$QNTX_HOME/am.<plugin>.toml` over the plugin's shipped defaults (`pluginDefaultsFile`), as the
 * text map that travels in InitializeRequest.config. Nested tables flatten to dotted keys; arrays
 * travel as JSON text; a key the user sets replaces the default's. `${VAR}` / `${VAR:-default}`
 * are expanded after the merge, so a default the user overrides is never expanded. The values
 * are never logged: they often hold secrets.
 */
export function loadPluginSettings(
  home: string,
  plugin: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const merged = new Map<string, { value: unknown; file: string }>();
  for (const file of [pluginDefaultsFile(home, plugin), join(home, `am.${plugin}.toml`)]) {
    const doc = readTomlFile(file);
    if (doc === null) continue;
    for (const [key, value] of leaves(doc, '')) merged.set(key, { value, file });
  }
  return Object.fromEntries([...merged].map(([key, { value, file }]) => [key, asText(expandTree(value, env, file, key))]));
}

function leaves(value: Record<string, unknown>, prefix: string): [string, unknown][] {
  return Object.entries(value).flatMap(([key, item]): [string, unknown][] => {
    const name = prefix ? `${prefix}.${key}` : key;
    const isTable = item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date);
    return isTable ? leaves(item as Record<string, unknown>, name) : [[name, item]];
  });
}

function asText(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  return value instanceof Date ? value.toISOString() : String(value);
}
