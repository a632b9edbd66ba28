import { EXIT_INTERRUPTED } from '../cli.constants';
import { CliError } from './cli.error';

export class CommandInterruptedError extends CliError {
  readonly exitCode = EXIT_INTERRUPTED;

  constructor(command: string) {
    super(`"${command}" was interrupted.`);
    this.name = 'CommandInterruptedError';
  }
}
