import { Inject, Injectable } from '@nestjs/common';
import { CLI_NAME, CLI_OPTIONS, FIXED_COMMANDS } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { PluginAccess } from '../discovery/plugin-access.service';
import { PluginCatalog } from '../discovery/plugin-catalog';
import { CliUsageError } from '../errors/cli-usage.error';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { closestNames } from './closest-names';
import { PluginCommandRunner } from './plugin-command.runner';

/**
 * `qntx <plugin> <command> [<sub> ...] [args] [--flags]`: finds the plugin, reaches it, reads its
 * command tree, and leaves the command line to `PluginCommandRunner` (help, or the command run
 * with its output streamed); returns the plugin's exit code.
 */
@Injectable()
export class PluginCommandDispatcher {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly catalog: PluginCatalog,
    private readonly access: PluginAccess,
  ) {}

  async dispatch([name, ...tokens]: string[]): Promise<number> {
    if (name.startsWith('-')) throw new CliUsageError(`Unknown option "${name}".`, `${CLI_NAME} --help`);
    const entry = this.catalog.find(name);
    if (!entry) {
      const known = [...this.catalog.names(), ...FIXED_COMMANDS];
      throw new UnknownCommandError(name, 'plugin or command', null, closestNames(name, known), `${CLI_NAME} --help`);
    }
    if (!entry.enabled) {
      throw new CliUsageError(
        `Plugin "${name}" is disabled: set enabled = true in its [[plugins]] entry of am.plugins.toml.`,
      );
    }
    const reached = await this.access.open(entry, { launch: true });
    return new PluginCommandRunner(this.options).run(entry, reached, await reached.plugin.commands(), tokens);
  }
}
