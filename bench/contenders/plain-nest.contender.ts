import 'reflect-metadata';
import { Controller, Get, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Response } from 'express';
import { rawRequest, rawResponse } from '../../libs/host/src/http/raw-exchange';
import { OCTET_TYPE, readRequestBody, smallAnswer } from '../bench.payload';
import { BenchEnhancersModule } from './bench-enhancers.module';
import { hasFlag, LOOPBACK, runContender } from './contender.process';

/**
 * Contender 1, the floor: the handler in a plain Nest app (platform-express, default settings).
 * With `--guarded`, the same app with the bench's global guard and interceptor (guarded-plain);
 * with `--fastify`, on @nestjs/platform-fastify, octet-stream bodies left unread for the echo.
 */
@Controller('api/bench')
class BenchController {
  @Get('small')
  small() {
    return smallAnswer();
  }

  /**
   * Nest would serialize a returned Buffer as JSON; a controller sends bytes through the response:
   * Express's `send`, as an Express app's author writes it; Node's own under Fastify.
   */
  @Post('echo')
  async echo(@Req() request: unknown, @Res() response: unknown): Promise<void> {
    const body = await readRequestBody(rawRequest(request));
    if (hasFlag('fastify')) rawResponse(response).writeHead(200, { 'content-type': OCTET_TYPE, 'content-length': body.length }).end(body);
    else (response as Response).status(200).type(OCTET_TYPE).send(body);
  }
}

@Module({ controllers: [BenchController] })
class PlainBenchModule {}

function fastifyWithRawOctets(): FastifyAdapter {
  const adapter = new FastifyAdapter();
  adapter.getInstance().addContentTypeParser(OCTET_TYPE, (_request, _payload, done) => done(null));
  return adapter;
}

runContender('plain Nest app', async () => {
  const module = hasFlag('guarded') ? { module: PlainBenchModule, imports: [BenchEnhancersModule] } : PlainBenchModule;
  const app = hasFlag('fastify') ? await NestFactory.create(module, fastifyWithRawOctets(), { logger: false }) : await NestFactory.create(module, { logger: false });
  await app.listen(0, LOOPBACK);
  return { info: { url: await app.getUrl() }, close: () => app.close() };
});
