import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { BENCH_INTERCEPTED_HEADER } from '../bench.payload';

/**
 * The guarded contenders' global interceptor: stamps a response header before the handler runs
 * (as a request-id or timing interceptor would) and passes the handler's result through.
 */
@Injectable()
export class BenchStampInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<ServerResponse>().setHeader(BENCH_INTERCEPTED_HEADER, '1');
    return next.handle();
  }
}
