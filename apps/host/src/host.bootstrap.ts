import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { HostModule } from './host.module';
import { HostOptions } from './host-options.interface';

/**
 * Creates the host application. The body parser is off: plugin routes receive the raw bytes,
 * whatever their content type.
 */
export async function createHostApp(options: HostOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(await HostModule.create(options), {
    bodyParser: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}
