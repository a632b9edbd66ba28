import { SetMetadata } from '@nestjs/common';
import { PLUGIN_COMMAND } from '../plugin-grpc.constants';
import { PluginCommandOptions } from '../interfaces/plugin-options.interface';

/**
 * Declares a CLI command, run as `qntx <plugin> <command...>`. The method receives a
 * `CommandContext` and returns an exit code (or nothing for 0); thrown errors exit 1.
 */
export function PluginCommand(options: PluginCommandOptions | string): MethodDecorator {
  const normalized = typeof options === 'string' ? { command: options } : options;
  return SetMetadata(PLUGIN_COMMAND, normalized);
}
