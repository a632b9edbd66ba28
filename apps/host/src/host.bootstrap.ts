import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HostOptions, QntxHostModule } from '@qntx/host';

/** The HTTP platform under Nest: Express (Nest's default) or Fastify. */
export type HostHttpAdapter = 'express' | 'fastify';
export const HOST_HTTP_ADAPTERS: readonly HostHttpAdapter[] = ['express', 'fastify'];

/**
 * Creates the host application: a Nest app that is nothing but QntxHostModule. The body parser
 * is off: plugin routes receive the raw bytes, whatever their content type (under Fastify its
 * own JSON and text parsers go too; the host module then lets every type through unread). No
 * X-Powered-By: it tells a scanner what to try and nothing to a user (Fastify sends none).
 */
export async function createHostApp(options: HostOptions, adapter: HostHttpAdapter = 'express'): Promise<INestApplication> {
  const module = QntxHostModule.forRoot(options);
  if (adapter === 'fastify') {
    // Loaded only when chosen: an Express host does not pay for Fastify at start.
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    const fastify = new FastifyAdapter();
    fastify.getInstance().removeAllContentTypeParsers();
    return NestFactory.create<NestFastifyApplication>(module, fastify, { bodyParser: false, abortOnError: false });
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, abortOnError: false });
  app.disable('x-powered-by');
  return app;
}
