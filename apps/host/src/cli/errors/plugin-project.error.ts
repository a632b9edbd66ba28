import { EXIT_USAGE } from '../cli.constants';
import { CliError } from './cli.error';

/** `qntx plugin new` cannot write the project as asked: a bad name, or a folder already in use. */
export class PluginProjectError extends CliError {
  readonly exitCode = EXIT_USAGE;

  constructor(message: string) {
    super(message);
    this.name = 'PluginProjectError';
  }
}
