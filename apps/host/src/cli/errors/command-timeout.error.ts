import { EXIT_TIMEOUT } from '../cli.constants';
import { CliError } from './cli.error';

export class CommandTimeoutError extends CliError {
  readonly exitCode = EXIT_TIMEOUT;

  constructor(plugin: string, command: string, timeoutMs: number) {
    super(
      `Plugin "${plugin}" did not finish "${command}" within ${timeoutMs} ms. ` +
        'Raise request_timeout_ms of its [[plugins]] entry in am.plugins.toml, or set QNTX_COMMAND_TIMEOUT_MS.',
    );
    this.name = 'CommandTimeoutError';
  }
}
