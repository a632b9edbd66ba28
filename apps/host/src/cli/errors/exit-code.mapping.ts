import {
  DuplicatePluginError,
  IncompatiblePluginError,
  InvalidPluginNameError,
  PluginCallError,
  PluginTimeoutError,
  PluginUnavailableError,
} from '@qntx/domains/lean';
// The lean entries: the CLI's fast path maps errors to exit codes without loading Nest or grpc-js.
import { PluginNameMismatchError } from '@qntx/plugin-grpc/lean';
import { ConfigFileError } from '@qntx/host/config/config-file.error';
import { EXIT_CONFIG, EXIT_SOFTWARE, EXIT_TIMEOUT, EXIT_UNAVAILABLE } from '../cli.constants';
import { CliError } from './cli.error';

/** The exit code for an error that ends a CLI run. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof PluginUnavailableError) return EXIT_UNAVAILABLE;
  if (error instanceof PluginTimeoutError) return EXIT_TIMEOUT;
  if (
    error instanceof ConfigFileError ||
    error instanceof IncompatiblePluginError ||
    error instanceof InvalidPluginNameError ||
    error instanceof DuplicatePluginError ||
    error instanceof PluginNameMismatchError
  ) {
    return EXIT_CONFIG;
  }
  if (error instanceof PluginCallError) return EXIT_SOFTWARE;
  return EXIT_SOFTWARE;
}
