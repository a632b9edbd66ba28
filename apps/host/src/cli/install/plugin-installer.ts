import { Inject, Injectable } from '@nestjs/common';
import { DomainRegistry, Metadata, messageOf } from '@qntx/domains';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'smol-toml';
import { HostConfig } from '@qntx/host/config/host-config.interface';
import { pluginDefaultsFile } from '@qntx/host/config/plugin-settings.loader';
import { PluginEntry } from '@qntx/host/config/plugin-entry.interface';
import { loadHostConfig, PLUGINS_CONFIG_FILE } from '@qntx/host/config/plugins-config.loader';
import { HOST_VERSION } from '@qntx/host/host.constants';
import { CLI_NAME, CLI_OPTIONS, FIXED_COMMANDS, PLUGIN_START_TIMEOUT_MS } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { PluginInstallError } from '../errors/plugin-install.error';
import { copyToTemp } from './atomic-file';
import { FileTransaction } from './file-transaction';
import { resolvePluginArtifact } from './plugin-artifact';
import { PluginTrialError, tryPluginStart } from './plugin-trial-run';
import { PluginsTomlEditor } from './plugins-toml.editor';
import { describeHostChanges, RunningHostClient } from './running-host.client';

/** What a command prints, and whether a running host took the change (exit 1 when it did not). */
export interface InstallOutcome {
  lines: string[];
  ok: boolean;
}

/**
 * `qntx plugin install`, `upgrade` and `remove`: the plugin file in `$QNTX_HOME/plugins/`
 * (mode 0755), its shipped defaults beside it (`qntx-<name>.am.toml`) and its `[[plugins]]`
 * entry in am.plugins.toml change together or not at all. Then a running host (run/host.json)
 * is asked to apply the change to that plugin at once: started, upgraded as a new generation
 * beside the old one, or removed once its requests end.
 */
@Injectable()
export class PluginInstaller {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly registry: DomainRegistry,
  ) {}

  private get home(): string {
    return this.options.home;
  }

  private get configFile(): string {
    return join(this.home, PLUGINS_CONFIG_FILE);
  }

  /** `upgrade`: the plugin must be installed already (same name); otherwise as `install`. */
  async install(path: string, { upgrade = false } = {}): Promise<InstallOutcome> {
    const artifact = resolvePluginArtifact(path);
    const config = this.readConfig(`${upgrade ? 'upgrade' : 'install'} ${artifact.file}`);
    const pluginsDir = join(this.home, 'plugins');
    mkdirSync(pluginsDir, { recursive: true });
    // The copy is what gets tried: the file must run alone, from where it will live.
    const candidate = copyToTemp(artifact.file, join(pluginsDir, basename(artifact.file)), 0o755);
    const tx = new FileTransaction();
    try {
      const metadata = await this.tryStart(candidate, artifact.file);
      const { name } = metadata;
      // An upgrade replaces the installed file under its name, whatever the new file is called.
      const installed = upgrade ? this.installedEntry(config, name, artifact.file, metadata.version) : undefined;
      const fileName = installed ? basename(installed.binary!) : installedFileName(artifact.file, name);
      const target = join(pluginsDir, fileName);
      this.refuseClashes(config, name, target, artifact.file);

      const report = [`${upgrade ? 'Upgraded' : 'Installed'} plugin "${name}" ${metadata.version} as ${target}.`];
      const defaults = artifact.defaults(name);
      const defaultsFile = pluginDefaultsFile(this.home, name);
      if (defaults) {
        checkToml(defaults.toml, defaults.from, name);
        tx.write(defaultsFile, defaults.toml);
        report.push(`Its default settings are in ${defaultsFile}; yours go in ${join(this.home, `am.${name}.toml`)}.`);
      } else {
        tx.remove(defaultsFile); // an older version's defaults do not apply to this one
      }
      tx.replace(target, candidate);

      const existed = existsSync(this.configFile);
      const before = existed ? readFileSync(this.configFile, 'utf8') : null;
      const note = `installed by "${CLI_NAME} plugin install" from ${artifact.file}`;
      tx.write(this.configFile, PluginsTomlEditor.of(this.configFile, before).upsert({ name, binary: fileName, note }));
      this.readConfig(`install "${name}"`); // what the host will read must still load
      tx.commit();

      const updated = config.plugins?.some((entry) => entry.name === name);
      report.push(`${updated ? 'Updated' : 'Added'} its [[plugins]] entry in ${this.configFile}.`);
      if (!existed) {
        report.push(`Created ${this.configFile}: the host now loads only the plugins it lists (no default code plugin).`);
      }
      return this.applyOnRunningHost(name, report);
    } catch (error) {
      tx.rollback();
      throw error;
    } finally {
      rmSync(candidate, { force: true });
    }
  }

  async remove(name: string): Promise<InstallOutcome> {
    const config = this.readConfig(`remove "${name}"`);
    if (config.plugins === null) {
      throw new PluginInstallError(`No plugin named "${name}" is installed: there is no ${this.configFile}.`);
    }
    const entry = config.plugins.find((e) => e.name === name);
    if (!entry) {
      const names = config.plugins.map((e) => e.name).join(', ') || 'none';
      throw new PluginInstallError(`No plugin named "${name}" in ${this.configFile} (configured: ${names}).`);
    }
    const pluginsDir = join(this.home, 'plugins');
    if (!entry.binary || dirname(entry.binary) !== pluginsDir) {
      throw new PluginInstallError(
        `Plugin "${name}" was not installed by "${CLI_NAME} plugin install" (${describeEntry(entry)}). ` +
          `Remove its [[plugins]] entry from ${this.configFile} by hand.`,
      );
    }
    const text = PluginsTomlEditor.of(this.configFile, readFileSync(this.configFile, 'utf8')).remove(name)!;
    const tx = new FileTransaction();
    try {
      tx.write(this.configFile, text);
      tx.remove(entry.binary);
      tx.remove(pluginDefaultsFile(this.home, name));
      tx.commit();
    } catch (error) {
      tx.rollback();
      throw new PluginInstallError(`Could not remove plugin "${name}" (nothing was changed): ${messageOf(error)}`);
    }
    const kept = join(this.home, `am.${name}.toml`);
    return this.applyOnRunningHost(name, [
      `Removed plugin "${name}": deleted ${entry.binary} and its [[plugins]] entry in ${this.configFile}.`,
      ...(existsSync(kept) ? [`Your settings in ${kept} were kept.`] : []),
    ]);
  }

  private async tryStart(candidate: string, source: string): Promise<Metadata> {
    try {
      return await tryPluginStart(candidate, {
        hostVersion: HOST_VERSION,
        startTimeoutMs: PLUGIN_START_TIMEOUT_MS,
        accept: (plugin) => {
          if (plugin.metadata().qntxVersion.trim() === '') {
            throw new Error(
              `plugin "${plugin.metadata().name}" declares no qntxVersion range. ` +
                'Declare the host versions it works with, e.g. qntxVersion: ">= 0.1.0, < 2.0.0".',
            );
          }
          // The host's own registry checks: a valid, unreserved name, a range this host satisfies.
          this.registry.register(plugin);
          this.registry.unregister(plugin.metadata().name);
        },
      });
    } catch (error) {
      if (!(error instanceof PluginTrialError)) throw new PluginInstallError(`Refusing to install ${source}: ${messageOf(error)}`);
      const tail = error.stderr.length > 0 ? `\nIts last lines on stderr:\n${error.stderr.map((l) => `  | ${l}`).join('\n')}` : '';
      const what = error.unusable ? error.detail : `it did not start as a plugin: ${error.detail}`;
      throw new PluginInstallError(`Refusing to install ${source}: ${what}.${tail}`);
    }
  }

  /** A name the host or the CLI already uses otherwise, or a file another entry launches. */
  private refuseClashes(config: HostConfig, name: string, target: string, source: string): void {
    const refuse = (why: string): never => {
      throw new PluginInstallError(`Refusing to install ${source} as plugin "${name}": ${why}`);
    };
    if (FIXED_COMMANDS.includes(name)) refuse(`"${CLI_NAME} ${name}" is a command of the CLI itself.`);
    if ((this.options.builtins ?? []).some((plugin) => plugin.metadata().name === name)) {
      refuse('a built-in plugin has that name.');
    }
    for (const entry of config.plugins ?? []) {
      if (entry.name === name && entry.binary !== target) {
        refuse(`${this.configFile} already has a plugin "${name}" (${describeEntry(entry)}). Run "${CLI_NAME} plugin remove ${name}" or edit that entry first.`);
      }
      if (entry.name !== name && entry.binary === target) {
        refuse(`${target} is the binary of plugin "${entry.name}" in ${this.configFile}.`);
      }
    }
  }

  private readConfig(action: string): HostConfig {
    try {
      return loadHostConfig(this.home);
    } catch (error) {
      throw new PluginInstallError(`Cannot ${action}: ${messageOf(error)}`);
    }
  }

  /**
   * The files are changed either way; a running host is asked to apply the change to this plugin
   * now. A host that does not answer, or keeps the old version, is reported (and the run ends 1).
   */
  private async applyOnRunningHost(name: string, report: string[]): Promise<InstallOutcome> {
    let host: RunningHostClient | null;
    try {
      host = RunningHostClient.find(this.home);
    } catch {
      return { lines: report, ok: true }; // an unreadable runtime file says nothing about a host
    }
    if (!host) return { lines: report, ok: true };
    try {
      const { lines, ok } = describeHostChanges(host.pid, await host.reload(name));
      const same = lines.length === 0 ? [`The running host (pid ${host.pid}) already serves "${name}" as configured.`] : [];
      return { lines: [...report, ...lines, ...same], ok };
    } catch (error) {
      const hint = `run "${CLI_NAME} plugins reload" once it can be reached, or restart it`;
      return { lines: [...report, `${messageOf(error)}; the files are changed: ${hint}.`], ok: false };
    }
  }

  /** The entry `upgrade` replaces: one that `install` put in plugins/ under this name. */
  private installedEntry(config: HostConfig, name: string, source: string, version: string): PluginEntry {
    const entry = config.plugins?.find((candidate) => candidate.name === name);
    if (entry?.binary && dirname(entry.binary) === join(this.home, 'plugins')) return entry;
    throw new PluginInstallError(
      `Refusing to upgrade to ${source} (plugin "${name}" ${version}): no plugin "${name}" is installed in ${join(this.home, 'plugins')}. ` +
        `Run "${CLI_NAME} plugin install ${source}" to add it.`,
    );
  }



}

/**
 * The name the plugin gets in plugins/: the file's own when it already says `qntx-...`, else
 * `qntx-<name>` (keeping a Node script's extension, which tells the host to run it with Node).
 */
function installedFileName(file: string, name: string): string {
  const own = basename(file);
  if (own.startsWith('qntx-')) return own;
  const ext = extname(own).toLowerCase();
  return `qntx-${name}${['.js', '.cjs', '.mjs'].includes(ext) ? ext : ''}`;
}

function describeEntry(entry: PluginEntry): string {
  if (entry.builtin) return `built-in, from ${entry.module}`;
  if (entry.address) return `reached at ${entry.address}`;
  return `binary ${entry.binary}`;
}

function checkToml(toml: string, from: string, name: string): void {
  try {
    parse(toml);
  } catch (error) {
    throw new PluginInstallError(`Refusing to install plugin "${name}": its default settings (${from}) are not valid TOML: ${messageOf(error).split('\n')[0]}`);
  }
}
