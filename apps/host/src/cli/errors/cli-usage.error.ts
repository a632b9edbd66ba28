import { EXIT_USAGE } from '../cli.constants';
import { CliError } from './cli.error';

/** A command line that cannot be sent as it is: a bad flag value, a missing argument, ... */
export class CliUsageError extends CliError {
  readonly exitCode = EXIT_USAGE;

  constructor(detail: string, helpCommand?: string) {
    super(helpCommand ? `${detail} Run "${helpCommand}" for its usage.` : detail);
    this.name = 'CliUsageError';
  }
}
