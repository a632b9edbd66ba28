import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { HOST_CONFIG_NAMESPACE } from '../config/host-config.factory';
import { isOriginAllowed } from '../websocket/origin-policy';
import { bearerToken, managementRefusal } from './management-access';

/** Guards the plugin management endpoints: loopback clients, or the admin token; never a foreign page. */
@Injectable()
export class ManagementAccessGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    // A page from another origin must not restart plugins through a loopback user's browser.
    if (!isOriginAllowed(req.headers.origin, req.headers.host, [])) {
      throw new ForbiddenException({ error: 'Forbidden', message: `Plugin management does not accept requests from pages of ${req.headers.origin}.` });
    }
    const adminToken = this.config.get<string>(`${HOST_CONFIG_NAMESPACE}.adminToken`);
    const refusal = managementRefusal(req.socket.remoteAddress, bearerToken(req.headers.authorization), adminToken);
    if (refusal) throw new ForbiddenException({ error: 'Forbidden', message: refusal });
    return true;
  }
}
