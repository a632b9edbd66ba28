import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId } from './request-id';

/**
 * X-Request-Id on the host's own endpoints (/api/plugins, /metrics, ...). Plugin routes get
 * theirs from PluginRequestObserver, on the same request, so they pay for one step, not two;
 * the app's own routes are the app's business.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    assignRequestId(req, res);
    next();
  }
}
