import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { HOST_CONFIG_NAMESPACE } from '../config/host-config.factory';
import { bearerToken, managementRefusal } from './management-access';

/** Guards the plugin management endpoints: loopback clients, or the admin token. */
@Injectable()
export class ManagementAccessGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const adminToken = this.config.get<string>(`${HOST_CONFIG_NAMESPACE}.adminToken`);
    const refusal = managementRefusal(req.socket.remoteAddress, bearerToken(req.headers.authorization), adminToken);
    if (refusal) throw new ForbiddenException({ error: 'Forbidden', message: refusal });
    return true;
  }
}
