import 'reflect-metadata';
import { Controller, Get, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { OCTET_TYPE, readRequestBody, smallAnswer } from '../bench.payload';
import { BenchEnhancersModule } from './bench-enhancers.module';
import { hasFlag, LOOPBACK, runContender } from './contender.process';

/**
 * Contender 1, the floor: the handler in a plain Nest app (platform-express, default settings).
 * With `--guarded`, the same app with the bench's global guard and interceptor (guarded-plain).
 */
@Controller('api/bench')
class BenchController {
  @Get('small')
  small() {
    return smallAnswer();
  }

  /** Nest would serialize a returned Buffer as JSON; a controller sends bytes through the response. */
  @Post('echo')
  async echo(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = await readRequestBody(request);
    response.status(200).type(OCTET_TYPE).send(body);
  }
}

@Module({ controllers: [BenchController] })
class PlainBenchModule {}

runContender('plain Nest app', async () => {
  const module = hasFlag('guarded') ? { module: PlainBenchModule, imports: [BenchEnhancersModule] } : PlainBenchModule;
  const app = await NestFactory.create(module, { logger: false });
  await app.listen(0, LOOPBACK);
  return { info: { url: await app.getUrl() }, close: () => app.close() };
});
