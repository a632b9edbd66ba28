import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { QntxHostModule } from '@qntx/host';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostApp } from '../../apps/host/src/host.bootstrap';
import { HostOptions } from '../../libs/host/src/host-options.interface';
import { BenchEnhancersModule } from './bench-enhancers.module';
import { LOOPBACK, StartedServer } from './contender.process';

export interface BenchHostVariant {
  /** An app around QntxHostModule with the bench's global guard and interceptor, instead of createHostApp's. */
  guarded?: boolean;
  /** On @nestjs/platform-fastify instead of Express. */
  fastify?: boolean;
}

/** The real host app, as `main.ts` creates it, on an ephemeral loopback port with its own $QNTX_HOME. */
export async function startBenchHost(options: Omit<HostOptions, 'home'>, variant: BenchHostVariant = {}): Promise<StartedServer> {
  const home = mkdtempSync(join(tmpdir(), 'qntx-bench-home-'));
  const adapter = variant.fastify ? 'fastify' : 'express';
  const app = variant.guarded ? await createGuardedHostApp({ home, ...options }, adapter) : await createHostApp({ home, ...options }, adapter);
  app.useLogger(false);
  await app.listen(0, LOOPBACK);
  return {
    info: { url: await app.getUrl() },
    close: async () => {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

@Module({})
class GuardedBenchHostModule {}

/**
 * An app that embeds the host next to its own app-wide enhancers (APP_GUARD, APP_INTERCEPTOR):
 * plugin routes go through them like any route. Created with createHostApp's settings (keep the
 * two in step), so guarded-builtin/-external differ from builtin/external only by the enhancers.
 */
async function createGuardedHostApp(options: HostOptions, adapter: 'express' | 'fastify'): Promise<INestApplication> {
  const module = { module: GuardedBenchHostModule, imports: [QntxHostModule.forRoot(options), BenchEnhancersModule] };
  if (adapter === 'fastify') {
    const fastify = new FastifyAdapter();
    fastify.getInstance().removeAllContentTypeParsers();
    return NestFactory.create(module, fastify, { bodyParser: false, abortOnError: false });
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, abortOnError: false });
  app.disable('x-powered-by');
  return app;
}
