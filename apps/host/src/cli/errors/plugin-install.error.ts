import { EXIT_FAILURE } from '../cli.constants';
import { CliError } from './cli.error';

/** `qntx plugin install` / `remove` refused or failed; nothing was changed. */
export class PluginInstallError extends CliError {
  readonly exitCode = EXIT_FAILURE;

  constructor(message: string) {
    super(message);
    this.name = 'PluginInstallError';
  }
}
