import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, Provider, Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DomainsModule } from '@qntx/domains';
import { HOST_CONFIG, HOST_OPTIONS, HOST_PLUGINS, HOST_VERSION, LOADED_PLUGINS } from './host.constants';
import { HostOptions } from './host-options.interface';
import { QntxHostAsyncOptions, QntxHostOptions } from './qntx-host.options';
import { qntxHome } from './config/qntx-home';
import { resolveHostConfig } from './config/host-config.factory';
import { HostConfig } from './config/host-config.interface';
import { HostPlugins, assertListenPolicy, loadHostPlugins } from './plugins/plugin-loader';
import { PluginLifecycleService } from './plugins/plugin-lifecycle.service';
import { LivePlugins } from './plugins/live-plugins';
import { PluginRouteTable } from './plugins/plugin-route-table';
import { HOST_PLUGIN_SETTINGS, hostServicesProvider } from './plugins/host-services.provider';
import { PluginHttpBridge } from './http/plugin-http.bridge';
import { pluginHttpLimitsProvider } from './http/plugin-http-limits';
import { PluginHttpController, pluginHttpController } from './http/plugin-http.controller';
import { fitHostRoutesTo } from './http/http-adapter.setup';
import { PluginsStatusController } from './http/plugins-status.controller';
import { PluginManagementController } from './http/plugin-management.controller';
import { HostRuntimeFile } from './runtime/host-runtime-file';
import { pluginWebSocketGateway } from './websocket/plugin-websocket.gateway';
import { HostMetrics } from './metrics/host-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { PluginRequestObserver } from './observability/plugin-request.observer';
import { HostRequestMiddleware } from './access/host-request.middleware';
import { PluginAccessGuard } from './access/plugin-access.guard';
import { CrossSiteGuard } from './access/cross-site.guard';
import { StatusPageController } from './status-page/status-page.controller';
import { PluginEventsController } from './http/plugin-events.controller';
import { PluginLogStreamController } from './http/plugin-log-stream.controller';
import { ServerSentEvents } from './http/server-sent-events';
import { HostServicesEndpoint } from './host-services/host-services.endpoint';
import { attestationStoreProvider } from './host-services/attestation-store.provider';
import { AttestationsController } from './attestations/attestations.controller';
import { PerPluginGuard } from './pipeline/per-plugin.guard';
import { PLUGIN_PIPELINE } from './pipeline/plugin-pipeline.constants';
import { PluginPipelineOptions } from './pipeline/plugin-pipeline.options';
import { HostHealthController } from './health/host-health.controller';
import { PluginHealthIndicator } from './health/plugin-health.indicator';
import { PluginOpenApi } from './openapi/plugin-openapi.service';
import { openApiDocsController } from './openapi/openapi-docs.controller';
import { DEFAULT_OPENAPI_PATH, HOST_OPENAPI_OPTIONS } from './openapi/openapi.constants';
import { TracingFlush } from './tracing/tracing-flush';

/** The module's own plugin controller class (see fitHostRoutesTo). */
const PLUGIN_HTTP_CONTROLLER = 'QNTX_PLUGIN_HTTP_CONTROLLER';

/**
 * The plugin platform as a Nest module: import it into any Nest app, next to the app's own
 * controllers. Plugins are loaded (connected to, launched) while the app's providers are
 * created; their routes answer under `/api/<plugin>/` through the app's own request pipeline,
 * their sockets under `/ws/<plugin>/` after the app's guards.
 */
/** The host's own endpoints, besides plugin routes. */
const HOST_CONTROLLERS: Type[] = [
  PluginsStatusController,
  PluginManagementController,
  PluginEventsController,
  PluginLogStreamController,
  AttestationsController,
  MetricsController,
  StatusPageController,
  HostHealthController,
];

@Module({})
export class QntxHostModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PLUGIN_HTTP_CONTROLLER) private readonly pluginController: Type<PluginHttpController>,
  ) {}

  /** Runs before Nest registers routes: the one moment to fit the plugin routes to the app's adapter. */
  configure(consumer: MiddlewareConsumer): void {
    fitHostRoutesTo(this.adapterHost.httpAdapter, this.pluginController);
    consumer.apply(HostRequestMiddleware).forRoutes(...HOST_CONTROLLERS);
  }

  /**
   * The configuration (am.plugins.toml) is read and checked here, so a configuration error
   * reaches the caller as one thrown ConfigFileError before Nest starts; plugins are loaded
   * while the app's providers are created.
   */
  static forRoot(options: QntxHostOptions = {}): DynamicModule {
    const { routes, statusPage, metrics, openApi, health, ...rest } = options;
    const hostOptions: HostOptions = { ...rest, home: rest.home ?? qntxHome() };
    const config = resolveHostConfig(hostOptions);
    assertListenPolicy(hostOptions, config);
    return QntxHostModule.build({ useFactory: () => hostOptions, routes, statusPage, metrics, openApi, health }, config);
  }

  static forRootAsync(options: QntxHostAsyncOptions): DynamicModule {
    return QntxHostModule.build(options);
  }

  private static build(options: QntxHostAsyncOptions, config?: HostConfig): DynamicModule {
    const pipeline: PluginPipelineOptions = options.routes ?? {};
    const gateway = pluginWebSocketGateway(pipeline);
    const controllers = HOST_CONTROLLERS.filter(
      (controller) =>
        (controller !== MetricsController || options.metrics !== false) &&
        (controller !== StatusPageController || options.statusPage !== false) &&
        (controller !== HostHealthController || options.health !== false),
    );
    if (options.openApi !== false) controllers.push(openApiDocsController(options.openApi?.path ?? DEFAULT_OPENAPI_PATH));
    // Last: the host's own /api/plugins routes and the app's routes registered before it win.
    const pluginController = pluginHttpController(pipeline);
    controllers.push(pluginController);
    return {
      module: QntxHostModule,
      imports: [
        ...(options.imports ?? []),
        DomainsModule.forRoot({ hostVersion: HOST_VERSION }),
        // The host's probes: a plugin that is down is logged by its supervisor, not at every probe.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers,
      providers: [
        {
          provide: HOST_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]): Promise<HostOptions> => {
            const given = await options.useFactory(...(args as never[]));
            return { ...given, home: given.home ?? qntxHome() };
          },
        },
        { provide: HOST_PLUGINS, inject: [HOST_OPTIONS], useFactory: (given: HostOptions) => loadHostPlugins(given, config) },
        fromPlugins(HOST_CONFIG, (plugins) => plugins.config),
        fromPlugins(LOADED_PLUGINS, (plugins) => plugins.loaded),
        fromPlugins(HOST_PLUGIN_SETTINGS, (plugins) => plugins.settings),
        pluginHttpLimitsProvider(),
        { provide: PLUGIN_PIPELINE, useValue: pipeline },
        { provide: PLUGIN_HTTP_CONTROLLER, useValue: pluginController },
        PerPluginGuard,
        PluginAccessGuard,
        CrossSiteGuard,
        attestationStoreProvider,
        HostServicesEndpoint,
        hostServicesProvider,
        PluginRouteTable,
        PluginHttpBridge,
        PluginRequestObserver,
        LivePlugins,
        PluginLifecycleService,
        HostRuntimeFile,
        gateway,
        HostMetrics,
        ServerSentEvents,
        PluginHealthIndicator,
        PluginOpenApi,
        { provide: HOST_OPENAPI_OPTIONS, useValue: options.openApi || {} },
        TracingFlush,
      ],
      exports: [HostRuntimeFile, HostMetrics, LivePlugins, LOADED_PLUGINS, PluginHealthIndicator, PluginOpenApi],
    };
  }
}

function fromPlugins(token: string, pick: (plugins: HostPlugins) => unknown): Provider {
  return { provide: token, inject: [HOST_PLUGINS], useFactory: pick };
}
