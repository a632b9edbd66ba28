import { Inject, Injectable } from '@nestjs/common';
import { CLI_OPTIONS, EXIT_OK } from './cli.constants';
import { CliOptions } from './cli-options.interface';
import { reportCliError } from './errors/cli-error.report';

/** The outcome of one CLI run: the exit code the commands settle on. */
@Injectable()
export class CliSession {
  exitCode = EXIT_OK;

  constructor(@Inject(CLI_OPTIONS) private readonly options: CliOptions) {}

  /** Runs a command's body; a thrown error becomes one "qntx: ..." line on stderr and its exit code. */
  async run(body: () => Promise<number>): Promise<void> {
    try {
      this.exitCode = await body();
    } catch (error) {
      this.exitCode = this.fail(error);
    }
  }

  fail(error: unknown): number {
    return reportCliError(this.options.io, error);
  }
}
