import { Command, CommandRunner } from 'nest-commander';
import { CLI_NAME } from '../cli.constants';
import { CliSession } from '../cli-session';
import { closestNames } from '../dispatch/closest-names';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { PluginNewCommand } from './plugin-new.command';

/** `qntx plugin <command>`: work on plugin projects and installs (new). */
@Command({
  name: 'plugin',
  arguments: '[command]',
  description: 'Create plugin projects (new)',
  subCommands: [PluginNewCommand],
})
export class PluginCommand extends CommandRunner {
  constructor(private readonly session: CliSession) {
    super();
  }

  async run([word]: string[]): Promise<void> {
    if (word === undefined) return void this.command.outputHelp();
    const names = this.command.commands.map((command) => command.name());
    const error = new UnknownCommandError(word, 'command', `${CLI_NAME} plugin`, closestNames(word, names), `${CLI_NAME} plugin --help`);
    this.session.exitCode = this.session.fail(error);
  }
}
