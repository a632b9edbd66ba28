import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { DomainsModule } from '@qntx/domains';
import { HOST_OPTIONS, HOST_VERSION, LOADED_PLUGINS } from './host.constants';
import { HostOptions } from './host-options.interface';
import { hostConfiguration } from './config/host-config.factory';
import { loadHostPlugins } from './plugins/plugin-loader';
import { PluginLifecycleService } from './plugins/plugin-lifecycle.service';
import { PluginRouteTable } from './plugins/plugin-route-table';
import { HOST_PLUGIN_SETTINGS, hostServicesProvider } from './plugins/host-services.provider';
import { PluginHttpBridge } from './http/plugin-http.bridge';
import { pluginHttpLimitsProvider } from './http/plugin-http-limits';
import { PluginHttpEntry } from './http/plugin-http.entry';
import { PluginsStatusController } from './http/plugins-status.controller';
import { PluginManagementController } from './http/plugin-management.controller';
import { ApiNotFoundFilter } from './http/api-not-found.filter';
import { HostRuntimeFile } from './runtime/host-runtime-file';
import { PluginWebSocketGateway } from './websocket/plugin-websocket.gateway';
import { HostMetrics } from './metrics/host-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { RequestObserverMiddleware } from './observability/request-observer.middleware';
import { StatusPageController } from './status-page/status-page.controller';
import { PluginEventsController } from './http/plugin-events.controller';
import { PluginLogStreamController } from './http/plugin-log-stream.controller';
import { ServerSentEvents } from './http/server-sent-events';
import { HostServicesEndpoint } from './host-services/host-services.endpoint';
import { attestationStoreProvider } from './host-services/attestation-store.provider';
import { AttestationsController } from './attestations/attestations.controller';

@Module({})
export class HostModule implements NestModule {
  /** Request ids and HTTP metrics, before every route (see RequestObserverMiddleware). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestObserverMiddleware).forRoutes('*');
  }

  /**
   * Loads the configured plugins first, then builds the module: each plugin's controller is
   * generated from its name, so the plugins must be known before Nest compiles the module.
   */
  static async create(options: HostOptions): Promise<DynamicModule> {
    const { config, settings, loaded, entries } = await loadHostPlugins(options);
    return {
      module: HostModule,
      imports: [
        DomainsModule.forRoot({ hostVersion: HOST_VERSION }),
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [hostConfiguration(config)] }),
      ],
      controllers: [
        PluginsStatusController,
        PluginManagementController,
        PluginEventsController,
        PluginLogStreamController,
        MetricsController,
        StatusPageController,
        AttestationsController,
      ],
      providers: [
        { provide: HOST_OPTIONS, useValue: options },
        { provide: LOADED_PLUGINS, useValue: loaded },
        { provide: HOST_PLUGIN_SETTINGS, useValue: settings },
        { provide: APP_FILTER, useClass: ApiNotFoundFilter },
        attestationStoreProvider,
        HostServicesEndpoint,
        hostServicesProvider,
        PluginRouteTable,
        PluginHttpBridge,
        RequestObserverMiddleware,
        PluginHttpEntry,
        pluginHttpLimitsProvider(entries),
        PluginLifecycleService,
        HostRuntimeFile,
        PluginWebSocketGateway,
        HostMetrics,
        ServerSentEvents,
      ],
    };
  }
}
