import { EXIT_UNAVAILABLE } from '../cli.constants';
import { CliError } from './cli.error';

/** A plugin that does not answer where it should be; says where that address came from. */
export class PluginUnreachableError extends CliError {
  readonly exitCode = EXIT_UNAVAILABLE;

  constructor(
    readonly plugin: string,
    readonly address: string | null,
    detail: string,
    hint: string,
  ) {
    super(`Plugin "${plugin}" is unreachable${address ? ` at ${address}` : ''}: ${detail}. ${hint}`);
    this.name = 'PluginUnreachableError';
  }
}
