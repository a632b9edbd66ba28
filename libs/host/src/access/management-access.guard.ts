import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { HOST_CONFIG } from '../host.constants';
import { HostConfig } from '../config/host-config.interface';
import { isSameOrigin } from './cross-site.policy';
import { bearerToken, managementRefusal } from './management-access';

/** Guards the plugin management endpoints: loopback clients, or the admin token; never a foreign page. */
@Injectable()
export class ManagementAccessGuard implements CanActivate {
  constructor(@Inject(HOST_CONFIG) private readonly config: HostConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    // A page from another origin (a sandboxed plugin page's is "null") must not restart plugins
    // through a loopback user's browser: its Origin, scheme included, and its Fetch Metadata.
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && !isSameOrigin(origin, req)) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      const from = origin ?? `a ${site} page`;
      throw new ForbiddenException({ error: 'Forbidden', message: `Plugin management does not accept requests from pages of ${from}.` });
    }
    const adminToken = this.config.adminToken;
    const refusal = managementRefusal(req.socket.remoteAddress, bearerToken(req.headers.authorization), adminToken);
    if (refusal) throw new ForbiddenException({ error: 'Forbidden', message: refusal });
    return true;
  }
}
