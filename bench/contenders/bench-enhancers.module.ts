import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BenchStampInterceptor } from './bench-stamp.interceptor';
import { BenchTokenGuard } from './bench-token.guard';

/**
 * The one global guard and interceptor of the guarded contenders, as app-wide enhancers: every
 * guarded app (the plain app and both hosts) imports this module, so they carry the same ones,
 * registered the same way.
 */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: BenchTokenGuard },
    { provide: APP_INTERCEPTOR, useClass: BenchStampInterceptor },
  ],
})
export class BenchEnhancersModule {}
