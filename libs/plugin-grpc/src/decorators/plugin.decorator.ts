import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { PLUGIN_METADATA } from '../plugin-grpc.constants';
import { PluginOptions } from '../interfaces/plugin-options.interface';

/**
 * Marks a provider as a domain plugin and carries its metadata. The class is an ordinary Nest
 * provider: inject what it needs; decorate its methods with `@PluginRoute`, `@PluginCommand`, ...
 */
export function Plugin(options: PluginOptions): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(PLUGIN_METADATA, options));
}
