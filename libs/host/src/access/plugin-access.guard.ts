import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { HOST_CONFIG } from '../host.constants';
import { HostConfig } from '../config/host-config.interface';
import { pluginAccessRefusal } from './plugin-access';

/**
 * The host's default access policy on plugin routes and socket upgrades: the Host must be one of
 * this host's names, and with `[host] api_token` the request must carry the token. A Nest guard
 * like any other, applied to the plugin controller and gateway; an app that brings its own
 * (`routes: { accessGuard: false, guards: [...] }`) replaces it.
 */
@Injectable()
export class PluginAccessGuard implements CanActivate {
  constructor(@Inject(HOST_CONFIG) private readonly config: HostConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage & { params?: Record<string, string> }>();
    const refusal = pluginAccessRefusal(req, this.config);
    if (refusal === null) return true;
    const plugin = req.params?.plugin ?? '';
    if (refusal.status === 403) throw new ForbiddenException({ error: 'Forbidden', plugin, message: refusal.message });
    throw new UnauthorizedException({ error: 'Unauthorized', plugin, message: refusal.message });
  }
}
