import { DynamicModule, INestMicroservice, Logger, LoggerService, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainPlugin } from '@qntx/domains';
import { PluginSdkModule } from '../plugin-sdk.module';
import { PluginExplorer } from '../plugin.explorer';
import { DecoratedDomainPlugin } from '../adapter/decorated-domain-plugin';
import { PluginServer } from './plugin-server';
import { parsePluginArgs } from './plugin-cli-args';
import { PluginServerTlsOptions } from '../interfaces/plugin-tls-options.interface';
import { signalOwnProcessGroup, watchLaunchingHost } from './launching-host';
import { StructuredLogger } from '../logging/structured-logger';
import { TracingHandle, startTracing } from '../tracing/tracing.setup';
import {
  ENV_PLUGIN_TOKEN,
  HANDSHAKE_APP_VERSION,
  HANDSHAKE_CORE_VERSION,
  HANDSHAKE_PREFIX,
} from '../plugin-grpc.constants';

/** How long a stopping plugin may take before it exits anyway. */
const STOP_DEADLINE_MS = 1500;

export interface PluginCreateOptions {
  host?: string;
  port?: number;
  token?: string;
  logger?: LoggerService | LogLevel[] | false;
  /** Serve TLS, or mutual TLS when a client CA is given. */
  tls?: PluginServerTlsOptions;
  /** "host:port" of a plaintext listener carrying only grpc.health.v1.Health, for probes. */
  healthAddress?: string;
  /** gRPC message limit, also the largest request body buffered for a non-streaming route. */
  maxMessageBytes?: number;
}

export interface RunningPlugin {
  app: INestMicroservice;
  plugin: DomainPlugin;
  /** "host:port" actually bound. */
  address: string;
  /** "host:port" of the health-only listener, when one was asked for. */
  healthAddress: string | null;
  close(): Promise<void>;
}

/** Bootstraps a plugin's Nest module as a gRPC plugin process. */
export class PluginFactory {
  /** Starts the plugin's gRPC server on the given address (port 0 for any free port). */
  static async create(
    pluginModule: Type<unknown> | DynamicModule,
    options: PluginCreateOptions = {},
  ): Promise<RunningPlugin> {
    const address = `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`;
    const server = new PluginServer({
      address,
      token: options.token,
      tls: options.tls,
      healthAddress: options.healthAddress,
      maxMessageBytes: options.maxMessageBytes,
    });
    const app = await NestFactory.createMicroservice(PluginSdkModule.wrap(pluginModule), {
      strategy: server,
      logger: options.logger,
      abortOnError: false,
    });
    await app.init();
    const plugin = new DecoratedDomainPlugin(app.get(PluginExplorer).explore());
    server.setPlugin(plugin);
    await app.listen();
    return { app, plugin, address: server.address!, healthAddress: server.healthAddress, close: () => app.close() };
  }

  /**
   * The whole `main.ts` of a plugin: parses `--port`/`--host` (and the TLS and health-listener
   * flags, see plugin-cli-args.ts), starts, prints the handshake line
   * when a host launched it, and shuts down gracefully on SIGINT/SIGTERM or when the launching
   * host goes away (its end of our stdin closes).
   */
  static async run(pluginModule: Type<unknown> | DynamicModule): Promise<RunningPlugin> {
    const log = new Logger('PluginFactory');
    let running: RunningPlugin;
    let tracing: TracingHandle | null = null;
    try {
      // JSON lines when launched by a host (it sets QNTX_LOG_FORMAT=json) or in production.
      const logger = StructuredLogger.fromEnvironment();
      Logger.overrideLogger(logger);
      const args = parsePluginArgs(process.argv.slice(2));
      running = await PluginFactory.create(pluginModule, {
        logger,
        host: args.host,
        port: args.port,
        token: process.env[ENV_PLUGIN_TOKEN] || undefined,
        tls: args.tls,
        healthAddress: args.healthAddress,
      });
      // Off unless OTEL_TRACES_EXPORTER says where spans go (see tracing.setup.ts).
      tracing = startTracing(running.plugin.metadata().name);
      if (args.handshake) {
        process.stdout.write(
          `${HANDSHAKE_PREFIX}|${HANDSHAKE_CORE_VERSION}|${HANDSHAKE_APP_VERSION}|tcp|${running.address}|grpc\n`,
        );
        watchLaunchingHost(() => stop('host went away', true));
      }
    } catch (error) {
      log.error(`Plugin failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    let stopping = false;
    let orphaned = false;
    const finish = (code: number): void => {
      // With no host left to clean up after us, nothing we spawned may outlive us either.
      if (orphaned) signalOwnProcessGroup('SIGKILL');
      process.exit(code);
    };
    const stop = (reason: string, hostGone = false): void => {
      if (hostGone && !orphaned) {
        orphaned = true;
        signalOwnProcessGroup('SIGTERM'); // our children get a chance to exit cleanly
      }
      if (stopping) return;
      stopping = true;
      log.log(`Stopping (${reason})`);
      // A hung shutdown must not keep the process alive past the host's patience (2 s in all).
      setTimeout(() => finish(0), STOP_DEADLINE_MS).unref();
      running
        .close()
        .then(() => tracing?.shutdown())
        .then(
          () => finish(0),
          () => finish(1),
        );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    return running;
  }
}
