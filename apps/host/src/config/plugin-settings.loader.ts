import { join } from 'node:path';
import { readTomlFile } from './toml-file.reader';

/**
 * `$QNTX_HOME/am.<plugin>.toml` as the text map that travels in InitializeRequest.config.
 * Nested tables flatten to dotted keys; arrays travel as JSON text.
 */
export function loadPluginSettings(home: string, plugin: string): Record<string, string> {
  const doc = readTomlFile(join(home, `am.${plugin}.toml`));
  return doc === null ? {} : flatten(doc, '');
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
