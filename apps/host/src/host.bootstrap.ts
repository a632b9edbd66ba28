import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { HostOptions, QntxHostModule } from '@qntx/host';

/**
 * Creates the host application: a Nest app that is nothing but QntxHostModule. The body parser
 * is off: plugin routes receive the raw bytes, whatever their content type. No X-Powered-By:
 * it tells a scanner what to try and nothing to a user.
 */
export async function createHostApp(options: HostOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(QntxHostModule.forRoot(options), {
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  return app;
}
