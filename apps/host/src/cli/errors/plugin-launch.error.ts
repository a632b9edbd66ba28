import { EXIT_UNAVAILABLE } from '../cli.constants';
import { CliError } from './cli.error';

/** A plugin process the CLI started that did not come up; carries the end of its output. */
export class PluginLaunchError extends CliError {
  readonly exitCode = EXIT_UNAVAILABLE;

  constructor(plugin: string, file: string, detail: string) {
    super(`Plugin "${plugin}" could not be started from ${file}: ${detail}`);
    this.name = 'PluginLaunchError';
  }
}
