import { Command, CommandRunner } from 'nest-commander';
import { CliSession } from '../cli-session';
import { PluginCommandDispatcher } from '../dispatch/plugin-command.dispatcher';

/** `qntx help [plugins [list|health] | <plugin> [<command> ...]]`: the help of anything the CLI runs. */
@Command({
  name: 'help',
  arguments: '[words...]',
  description: 'Show the help of the CLI, of "plugins", or of a plugin command',
  allowUnknownOptions: true,
})
export class HelpCommand extends CommandRunner {
  constructor(
    private readonly session: CliSession,
    private readonly dispatcher: PluginCommandDispatcher,
  ) {
    super();
  }

  async run(words: string[]): Promise<void> {
    const program = this.command.parent!;
    if (words.length === 0) return void program.outputHelp();
    const fixed = program.commands.find((command) => command.name() === words[0] && command !== this.command);
    if (fixed) {
      const sub = fixed.commands.find((command) => command.name() === words[1]);
      return void (sub ?? fixed).outputHelp();
    }
    await this.session.run(() => this.dispatcher.dispatch([...words, '--help']));
  }
}
