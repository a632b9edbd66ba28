import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_NAME } from '../cli.constants';
import { CliSession } from '../cli-session';
import { closestNames } from '../dispatch/closest-names';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { PluginsHealthCommand } from './plugins-health.command';
import { PluginsListCommand } from './plugins-list.command';
import { PluginsReloadCommand } from './plugins-reload.command';

/** `qntx plugins [list|health|reload] [--json]`; `list` when no subcommand is given. */
@Command({
  name: 'plugins',
  arguments: '[command]',
  description: 'Show the plugins the CLI can reach (list, health), or have the running host reload them (reload)',
  subCommands: [PluginsListCommand, PluginsHealthCommand, PluginsReloadCommand],
})
export class PluginsCommand extends CommandRunner {
  constructor(
    private readonly session: CliSession,
    private readonly list: PluginsListCommand,
  ) {
    super();
  }

  async run([word]: string[], flags: { json?: boolean }): Promise<void> {
    if (word === undefined) return this.list.run([], flags);
    // Commander hands a word that names no subcommand to this command's own action.
    const names = this.command.commands.map((command) => command.name());
    const error = new UnknownCommandError(
      word,
      'command',
      `${CLI_NAME} plugins`,
      closestNames(word, names),
      `${CLI_NAME} plugins --help`,
    );
    this.session.exitCode = this.session.fail(error);
  }

  @Option({ flags: '--json', description: 'Print JSON, for scripts (as "plugins list --json")' })
  json(): boolean {
    return true;
  }
}
