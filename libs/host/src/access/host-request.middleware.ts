import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_CONFIG } from '../host.constants';
import { HostConfig } from '../config/host-config.interface';
import { assignRequestId } from '../observability/request-id';
import { sendJsonError } from '../http/json-error.reply';
import { hostRefusal, isHostAllowed } from './allowed-hosts';

/**
 * Before the host's own endpoints (/api/plugins, the status page, /metrics, ...): refuses a Host
 * that is not this host's (DNS rebinding, see allowed-hosts.ts) and gives the request its
 * X-Request-Id. Plugin routes have the same check in PluginAccessGuard and their id from
 * PluginRequestObserver; the app's own routes are the app's business.
 */
@Injectable()
export class HostRequestMiddleware implements NestMiddleware {
  constructor(@Inject(HOST_CONFIG) private readonly config: HostConfig) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    assignRequestId(req, res);
    const host = req.headers.host;
    if (!isHostAllowed(host, this.config.allowedHosts ?? [])) {
      return sendJsonError(res, 403, {}, { error: 'Forbidden', plugin: '', message: hostRefusal(host!) });
    }
    next();
  }
}
