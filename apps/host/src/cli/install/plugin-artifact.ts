import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { CliUsageError } from '../errors/cli-usage.error';
import { readBundledDefaults } from './bundled-defaults.reader';

/** What `qntx plugin install <file-or-directory>` installs. */
export interface PluginArtifact {
  /** The executable (or Node script) to copy into $QNTX_HOME/plugins/. */
  file: string;
  /** The plugin's default settings, TOML, once its name is known; null when it ships none. */
  defaults(name: string): { toml: string; from: string } | null;
}

/** A plugin file in a directory: `qntx-<name>`, optionally a Node script. */
const PLUGIN_FILE = /^qntx-[a-z][a-z0-9_-]*(\.c?js|\.mjs)?$/;

/**
 * A file is the plugin itself; its defaults are the ones it carries (a one-file bundle). A
 * directory is a plugin project or release folder: its one `qntx-*` file (at the top or in
 * `dist/`), and its defaults in `config/am.<name>.toml` (the guide's layout), else the file's.
 */
export function resolvePluginArtifact(path: string): PluginArtifact {
  const target = resolve(path);
  if (!existsSync(target)) throw new CliUsageError(`${target} does not exist.`, 'qntx plugin install --help');
  const stat = statSync(target);
  if (stat.isFile()) return { file: target, defaults: () => carried(target) };
  if (!stat.isDirectory()) throw new CliUsageError(`${target} is neither a file nor a directory.`);
  const file = pluginFileIn(target);
  return {
    file,
    defaults: (name) => {
      const shipped = join(target, 'config', `am.${name}.toml`);
      return existsSync(shipped) ? { toml: readFileSync(shipped, 'utf8'), from: shipped } : carried(file);
    },
  };
}

function carried(file: string): { toml: string; from: string } | null {
  const toml = readBundledDefaults(file);
  return toml === null ? null : { toml, from: `${file} (embedded)` };
}

function pluginFileIn(dir: string): string {
  const candidates = [dir, join(dir, 'dist')]
    .filter((folder) => existsSync(folder) && statSync(folder).isDirectory())
    .flatMap((folder) => readdirSync(folder).map((name) => join(folder, name)))
    .filter((file) => PLUGIN_FILE.test(basename(file)) && statSync(file).isFile());
  if (candidates.length === 1) return candidates[0];
  const found = candidates.map((file) => relative(dir, file)).join(', ');
  throw new CliUsageError(
    candidates.length === 0
      ? `${dir} holds no plugin file (qntx-<name>, at its top or in dist/). Run the plugin's "package" script first, or name the file.`
      : `${dir} holds several plugin files (${found}). Name the one to install.`,
  );
}
