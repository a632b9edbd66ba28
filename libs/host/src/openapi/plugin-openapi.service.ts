import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef, ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DomainPlugin, DomainRegistry, messageOf } from '@qntx/domains';
import { HOST_VERSION } from '../host.constants';
import { AppRoutesScanner } from './app-routes.scanner';
import { HostOpenApiOptions } from './openapi.options';
import { DEFAULT_OPENAPI_PATH, HOST_OPENAPI_OPTIONS } from './openapi.constants';
import { DescribedPlugin, addPluginOperations } from './plugin-operations.merger';

/** What an OpenAPI 3.0 Path Item may hold: its operations, and a few keys of its own. */
const PATH_ITEM_KEYS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'parameters', 'summary', 'description', 'servers']);

/** How long the document waits for one plugin's description before showing it generically. */
const DESCRIBE_TIMEOUT_MS = 3000;

/**
 * The app's OpenAPI document with every plugin's routes in it. The app's own routes are scanned
 * once; the plugins are asked on every call, so a plugin added, upgraded or removed while the app
 * runs shows as it is now. Inject it to serve or post-process the document yourself.
 */
@Injectable()
export class PluginOpenApi {
  private readonly scanner: AppRoutesScanner;
  private appDocument: OpenAPIObject | null = null;
  private readonly log = new Logger('PluginOpenApi');

  constructor(
    private readonly registry: DomainRegistry,
    @Inject(HOST_OPENAPI_OPTIONS) private readonly options: HostOpenApiOptions,
    modules: ModulesContainer,
    adapterHost: HttpAdapterHost,
    moduleRef: ModuleRef,
  ) {
    this.scanner = new AppRoutesScanner(modules, adapterHost, moduleRef);
  }

  async document(): Promise<OpenAPIObject> {
    const document = structuredClone(this.appRoutes());
    const plugins = await Promise.all(this.registry.list().map((plugin) => this.describe(plugin)));
    for (const plugin of plugins) addPluginOperations(document, plugin, this.scanner.globalPrefix);
    return document;
  }

  private appRoutes(): OpenAPIObject {
    if (this.appDocument) return this.appDocument;
    const info = {
      title: this.options.title ?? 'QNTX plugin host',
      version: this.options.version ?? HOST_VERSION,
      ...(this.options.description ? { description: this.options.description } : {}),
    };
    const document = this.scanner.scan(info, this.options.appRoutes !== false);
    // The plugins' catch-all route and these docs are no API of their own: the plugins' paths replace them.
    const docs = `${this.scanner.globalPrefix}/${(this.options.path ?? DEFAULT_OPENAPI_PATH).replace(/^\/+|\/+$/g, '')}`;
    for (const [path, item] of Object.entries(document.paths)) {
      if (path.includes('/api/{plugin}') || path === docs || path.startsWith(`${docs}/`)) delete document.paths[path];
      // An `@All` route is scanned with every method Express knows, SEARCH included, which OpenAPI 3.0 has not.
      for (const method of Object.keys(item)) if (!PATH_ITEM_KEYS.has(method)) delete (item as Record<string, unknown>)[method];
    }
    this.appDocument = document;
    return document;
  }

  private async describe(plugin: DomainPlugin): Promise<DescribedPlugin> {
    const metadata = plugin.metadata();
    if (!plugin.describeHttp) return { metadata, operations: null };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DESCRIBE_TIMEOUT_MS} ms`)), DESCRIBE_TIMEOUT_MS);
    });
    try {
      return { metadata, operations: await Promise.race([plugin.describeHttp(), timeout]) };
    } catch (error) {
      const problem = messageOf(error);
      this.log.warn(`plugin "${metadata.name}": its routes are shown generically in the OpenAPI document: ${problem}`);
      return { metadata, operations: null, problem };
    } finally {
      clearTimeout(timer);
    }
  }
}
