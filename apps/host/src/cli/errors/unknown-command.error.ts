import { EXIT_USAGE } from '../cli.constants';
import { CliError } from './cli.error';

/** A word that names no plugin or command; names the closest ones and where to look. */
export class UnknownCommandError extends CliError {
  readonly exitCode = EXIT_USAGE;

  /** `what`: "plugin or command", "command"; `where`: the command line it was typed after. */
  constructor(
    readonly word: string,
    what: string,
    where: string | null,
    suggestions: string[],
    helpCommand: string,
  ) {
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    super(
      `Unknown ${what} "${word}"${where ? ` for "${where}"` : ''}.${hint} Run "${helpCommand}" to see what there is.`,
    );
    this.name = 'UnknownCommandError';
  }
}
