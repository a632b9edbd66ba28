import { Command, CommandRunner } from 'nest-commander';
import { CLI_NAME } from '../cli.constants';
import { CliSession } from '../cli-session';
import { closestNames } from '../dispatch/closest-names';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { PluginInstallCommand } from './plugin-install.command';
import { PluginRemoveCommand } from './plugin-remove.command';
import { PluginNewCommand } from './plugin-new.command';
import { PluginUpgradeCommand } from './plugin-upgrade.command';

/** `qntx plugin new|install|upgrade|remove ...`: starting plugin projects, managing the plugins in $QNTX_HOME (and a running host's). */
@Command({
  name: 'plugin',
  arguments: '[command]',
  description: 'Create a plugin project, install, upgrade or remove a plugin in $QNTX_HOME and on a running host (new, install, upgrade, remove)',
  subCommands: [PluginNewCommand, PluginInstallCommand, PluginUpgradeCommand, PluginRemoveCommand],
})
export class PluginCommand extends CommandRunner {
  constructor(private readonly session: CliSession) {
    super();
  }

  async run([word]: string[]): Promise<void> {
    if (word === undefined) return void this.command.outputHelp();
    // Commander hands a word that names no subcommand to this command's own action.
    const names = this.command.commands.map((command) => command.name());
    const error = new UnknownCommandError(word, 'command', `${CLI_NAME} plugin`, closestNames(word, names), `${CLI_NAME} plugin --help`);
    this.session.exitCode = this.session.fail(error);
  }
}
