import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { BENCH_TOKEN, BENCH_TOKEN_HEADER } from '../bench.payload';

/** The guarded contenders' global guard: a constant token in a header, else Nest's 403. */
@Injectable()
export class BenchTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<IncomingMessage>().headers[BENCH_TOKEN_HEADER] === BENCH_TOKEN;
  }
}
