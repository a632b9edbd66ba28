import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Unknown plugins under /api answer in the same JSON shape as every proxied error. */
@Catch(NotFoundException)
export class ApiNotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const match = /^\/api\/([^/?]+)/.exec(req.originalUrl);
    if (!match) {
      res.status(404).json(exception.getResponse());
      return;
    }
    const plugin = decodeURIComponent(match[1]);
    res.status(404).json({ error: 'Not Found', plugin, message: `No plugin named "${plugin}" is registered.` });
  }
}
