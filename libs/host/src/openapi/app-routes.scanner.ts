import type { INestApplication } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModuleRef, ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What `SwaggerModule.createDocument(app, ...)` reads of an application: its modules, its
 * configuration (global prefix, versioning) and its HTTP adapter. Nest hands a provider no
 * reference to the application itself, only to these parts, so the module builds the app's
 * document from them; the configuration is reached through the ModuleRef's container, the one
 * place it is kept (a fresh one, without prefix, if a future Nest moves it).
 */
export class AppRoutesScanner {
  readonly config: ApplicationConfig;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
    moduleRef: ModuleRef,
  ) {
    const container = (moduleRef as unknown as { container?: { applicationConfig?: ApplicationConfig } }).container;
    this.config = container?.applicationConfig ?? new ApplicationConfig();
  }

  /** "/v1" under `app.setGlobalPrefix('v1')`, else "". */
  get globalPrefix(): string {
    const prefix = this.config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
    return prefix ? `/${prefix}` : '';
  }

  /** The app's own controllers as SwaggerModule documents them (none with `appRoutes: false`). */
  scan(info: OpenAPIObject['info'], appRoutes: boolean): OpenAPIObject {
    // Loaded on the first document request, not at start: @nestjs/swagger takes ~0.3 s to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SwaggerModule } = require('@nestjs/swagger') as typeof import('@nestjs/swagger');
    const app = {
      container: { getModules: () => (appRoutes ? this.modules : new Map()), isGlobalModule: () => false },
      config: this.config,
      getHttpAdapter: () => this.adapterHost.httpAdapter,
    };
    return SwaggerModule.createDocument(app as unknown as INestApplication, { openapi: '3.0.0', info });
  }
}
