import { Controller, Get, Header, Inject, NotFoundException, Param, Req, StreamableFile, Type, UseGuards } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PluginOpenApi } from './plugin-openapi.service';
import { DocsHostGuard } from './docs-host.guard';
import { SWAGGER_UI_ASSETS, SWAGGER_UI_CSP, SWAGGER_UI_INITIALIZER, swaggerUiAsset, swaggerUiHtml } from './swagger-ui.page';

/** Characters a docs path may have in the page's `<base>`; anything else falls back to the configured path. */
const PLAIN_PATH = /^[\w\-./~%]*$/;

/**
 * Swagger UI at `path` and the document at `<path>/openapi.json`, made per request (plugins come
 * and go). A class per module, since its path is an option; returned values, not written
 * responses, so it works on Express and Fastify alike.
 */
export function openApiDocsController(path: string): Type {
  @Controller(path)
  @UseGuards(DocsHostGuard)
  class OpenApiDocsController {
    constructor(@Inject(PluginOpenApi) private readonly openApi: PluginOpenApi) {}

    @Get()
    @Header('content-type', 'text/html; charset=utf-8')
    @Header('content-security-policy', SWAGGER_UI_CSP)
    @Header('x-content-type-options', 'nosniff')
    @Header('cache-control', 'no-cache')
    page(@Req() request: { originalUrl?: string; url?: string }): string {
      const url = (request.originalUrl ?? request.url ?? '').split('?')[0].replace(/\/+$/, '');
      return swaggerUiHtml(PLAIN_PATH.test(url) && url ? url : `/${path}`, 'API documentation');
    }

    @Get('openapi.json')
    @Header('cache-control', 'no-store')
    document(): Promise<OpenAPIObject> {
      return this.openApi.document();
    }

    @Get('swagger-initializer.js')
    @Header('content-type', 'text/javascript; charset=utf-8')
    initializer(): string {
      return SWAGGER_UI_INITIALIZER;
    }

    @Get(':asset')
    asset(@Param('asset') name: string): StreamableFile {
      const type = Object.hasOwn(SWAGGER_UI_ASSETS, name) ? SWAGGER_UI_ASSETS[name] : null;
      if (!type) throw new NotFoundException(`No ${name} in the API documentation: try ${path}/openapi.json.`);
      return new StreamableFile(swaggerUiAsset(name), { type });
    }
  }
  return OpenApiDocsController;
}
