import { Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLUGIN_COMMAND, PLUGIN_HOOK, PLUGIN_METADATA, PLUGIN_ROUTE, PLUGIN_SOCKET } from './plugin-grpc.constants';
import {
  PluginCommandOptions,
  PluginHookKind,
  PluginOptions,
  PluginRouteOptions,
} from './interfaces/plugin-options.interface';

type Target = Type<unknown> | Function;

/** Typed reads of the SDK's decorator metadata. */
@Injectable()
export class PluginMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  plugin(target: Target): PluginOptions | undefined {
    return this.reflector.get(PLUGIN_METADATA, target);
  }
  command(target: Target): PluginCommandOptions | undefined {
    return this.reflector.get(PLUGIN_COMMAND, target);
  }
  route(target: Target): PluginRouteOptions | undefined {
    return this.reflector.get(PLUGIN_ROUTE, target);
  }
  socket(target: Target): { path: string } | undefined {
    return this.reflector.get(PLUGIN_SOCKET, target);
  }
  hook(target: Target): PluginHookKind | undefined {
    return this.reflector.get(PLUGIN_HOOK, target);
  }
}
