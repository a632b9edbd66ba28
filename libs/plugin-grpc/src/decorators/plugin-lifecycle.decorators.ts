import { SetMetadata } from '@nestjs/common';
import { PLUGIN_HOOK } from '../plugin-grpc.constants';
import { PluginHookKind } from '../interfaces/plugin-options.interface';

const hook = (kind: PluginHookKind): MethodDecorator => SetMetadata(PLUGIN_HOOK, kind);

/** Runs at Initialize with a `PluginInitContext` (services, this plugin's config, a logger). */
export const OnPluginInit = (): MethodDecorator => hook('init');

/** Runs at Shutdown. */
export const OnPluginShutdown = (): MethodDecorator => hook('shutdown');

/** Answers Health: return a `HealthStatus` (or `{ healthy, message }`); a throw means unhealthy. */
export const PluginHealthCheck = (): MethodDecorator => hook('health');
