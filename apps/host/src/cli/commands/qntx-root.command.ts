import { CommandRunner, Help, RootCommand } from 'nest-commander';
import { messageOf } from '@qntx/domains';
import { CLI_NAME } from '../cli.constants';
import { CliSession } from '../cli-session';
import { PluginCatalog } from '../discovery/plugin-catalog';
import { PluginCommandDispatcher } from '../dispatch/plugin-command.dispatcher';

/** nest-commander's own commander version (a different one sits at the top of node_modules). */
type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * The program itself. Its fixed commands (`plugins`, `help`) are nest-commander commands; any
 * other first word names a plugin, whose command tree is only known at run time, so the rest of
 * the line goes to the dispatcher untouched (options after the plugin name pass through).
 */
@RootCommand({
  name: CLI_NAME,
  arguments: '[plugin] [words...]',
  argsDescription: { plugin: 'a plugin name', words: "the plugin's command, arguments and flags" },
  description: 'Run plugin commands as if they were local, and inspect the plugins.',
  allowExcessArgs: true,
})
export class QntxRootCommand extends CommandRunner {
  constructor(
    private readonly session: CliSession,
    private readonly dispatcher: PluginCommandDispatcher,
    private readonly catalog: PluginCatalog,
  ) {
    super();
  }

  setCommand(command: CommanderCommand): this {
    command.usage(
      '<plugin> <command> [<sub> ...] [args] [--flags]\n       qntx plugins [list|health] [--json]\n       qntx plugin install <file-or-directory> | remove <name>\n       qntx attestations query [--subject ...] [--json]',
    );
    return super.setCommand(command);
  }

  async run(words: string[]): Promise<void> {
    if (words.length === 0) return void this.command.outputHelp();
    await this.session.run(() => this.dispatcher.dispatch(words));
  }

  @Help('after')
  pluginsHelp(): string {
    try {
      const names = this.catalog.names();
      const list = names.length > 0 ? names.join(', ') : '(none)';
      return `\nPlugins: ${list}\nRun "${CLI_NAME} <plugin> --help" for a plugin's commands, "${CLI_NAME} <plugin> <command> --help" for one command.`;
    } catch (error) {
      return `\nPlugins: cannot be listed (${messageOf(error)})`;
    }
  }
}
