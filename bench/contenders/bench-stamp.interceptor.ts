import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Observable } from 'rxjs';
import { BENCH_INTERCEPTED_HEADER } from '../bench.payload';

/**
 * The guarded contenders' global interceptor: stamps a response header before the handler runs
 * (as a request-id or timing interceptor would) and passes the handler's result through. Through
 * the HTTP adapter, as a Nest app written for Express and Fastify alike does it.
 */
@Injectable()
export class BenchStampInterceptor implements NestInterceptor {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.adapterHost.httpAdapter.setHeader(context.switchToHttp().getResponse(), BENCH_INTERCEPTED_HEADER, '1');
    return next.handle();
  }
}
