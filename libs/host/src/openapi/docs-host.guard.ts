import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { HOST_CONFIG } from '../host.constants';
import { HostConfig } from '../config/host-config.interface';
import { hostRefusal, isHostAllowed } from '../access/allowed-hosts';

/**
 * The docs answer only requests that name this host, as the host's other endpoints do (see
 * HostRequestMiddleware): a page on another site that rebinds its DNS name to this host cannot
 * read the document.
 */
@Injectable()
export class DocsHostGuard implements CanActivate {
  constructor(@Inject(HOST_CONFIG) private readonly config: HostConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const host = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.host;
    if (!isHostAllowed(host, this.config.allowedHosts ?? [])) throw new ForbiddenException(hostRefusal(host!));
    return true;
  }
}
