import { EXIT_FAILURE, EXIT_UNAVAILABLE } from '../cli.constants';
import { CliError } from './cli.error';

/** The running host could not be asked, or refused a change (its answer is the message). */
export class RunningHostError extends CliError {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_UNAVAILABLE,
  ) {
    super(message);
    this.name = 'RunningHostError';
  }

  /** The host answered, and said no (a file that does not load, nothing to upgrade). */
  static refused(message: string): RunningHostError {
    return new RunningHostError(message, EXIT_FAILURE);
  }
}
