import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RESERVED_PLUGIN_NAMES } from '@qntx/domains';
import { HOST_VERSION } from '@qntx/host/host.constants';
import { FIXED_COMMANDS } from '../cli.constants';
import { PluginProjectError } from '../errors/plugin-project.error';
import { pluginClassName, PluginProjectInput } from './plugin-project.input';
import { projectFiles } from './project-files.template';
import { readmeFile } from './readme.template';
import { SdkCheckout } from './sdk-checkout';
import { sourceFiles } from './source-files.template';

/** The registry's rule for plugin names. */
const PLUGIN_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

export interface PluginProjectOptions {
  name: string;
  /** The project folder (default: ./<name>); it must not exist, or be empty. */
  dir?: string;
  /** Link node_modules to the checkout's instead of installing (offline, and quick). */
  linkNodeModules?: boolean;
}

export interface GeneratedProject {
  dir: string;
  /** Paths written, relative to `dir`. */
  files: string[];
}

/** Writes a ready plugin project: see the templates for what is in it. */
export function generatePluginProject(
  options: PluginProjectOptions,
  sdk: SdkCheckout,
  cwd = process.cwd(),
): GeneratedProject {
  const { name } = options;
  if (!PLUGIN_NAME.test(name)) {
    throw new PluginProjectError(
      `"${name}" cannot name a plugin: use lower-case letters, digits, "-" and "_", starting with a letter.`,
    );
  }
  if (RESERVED_PLUGIN_NAMES.includes(name) || FIXED_COMMANDS.includes(name)) {
    throw new PluginProjectError(`"${name}" cannot name a plugin: the host or the CLI uses it already.`);
  }
  const dir = resolve(cwd, options.dir ?? name);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new PluginProjectError(`${dir} already exists and is not an empty folder; choose another with --dir.`);
  }
  const input: PluginProjectInput = {
    name,
    className: pluginClassName(name),
    dir,
    sdkRoot: sdk.root,
    versions: sdk.versions,
    hostRange: `>= ${HOST_VERSION}, < 1.0.0`,
  };
  const files = { ...projectFiles(input), ...sourceFiles(input), ...readmeFile(input) };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  // The protocols travel with the plugin: the SDK finds proto/ by walking up from dist/.
  mkdirSync(join(dir, 'proto'), { recursive: true });
  const protos = readdirSync(join(sdk.root, 'proto')).filter((file) => file.endsWith('.proto'));
  for (const proto of protos) copyFileSync(join(sdk.root, 'proto', proto), join(dir, 'proto', proto));
  const written = [...Object.keys(files), ...protos.map((proto) => `proto/${proto}`)];
  if (options.linkNodeModules) {
    symlinkSync(join(sdk.root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    written.push('node_modules -> ' + join(sdk.root, 'node_modules'));
  }
  return { dir, files: written.sort() };
}
