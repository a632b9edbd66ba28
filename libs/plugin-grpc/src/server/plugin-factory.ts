import { DynamicModule, INestMicroservice, Logger, LoggerService, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainPlugin } from '@qntx/domains';
import { PluginSdkModule } from '../plugin-sdk.module';
import { PluginExplorer } from '../plugin.explorer';
import { DecoratedDomainPlugin } from '../adapter/decorated-domain-plugin';
import { PluginServer } from './plugin-server';
import { parsePluginArgs } from './plugin-cli-args';
import {
  ENV_PLUGIN_TOKEN,
  HANDSHAKE_APP_VERSION,
  HANDSHAKE_CORE_VERSION,
  HANDSHAKE_PREFIX,
} from '../plugin-grpc.constants';

export interface PluginCreateOptions {
  host?: string;
  port?: number;
  token?: string;
  logger?: LoggerService | LogLevel[] | false;
  /** gRPC message limit, also the largest request body buffered for a non-streaming route. */
  maxMessageBytes?: number;
}

export interface RunningPlugin {
  app: INestMicroservice;
  plugin: DomainPlugin;
  /** "host:port" actually bound. */
  address: string;
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
    const server = new PluginServer({ address, token: options.token, maxMessageBytes: options.maxMessageBytes });
    const app = await NestFactory.createMicroservice(PluginSdkModule.wrap(pluginModule), {
      strategy: server,
      logger: options.logger,
      abortOnError: false,
    });
    await app.init();
    const plugin = new DecoratedDomainPlugin(app.get(PluginExplorer).explore());
    server.setPlugin(plugin);
    await app.listen();
    return { app, plugin, address: server.address!, close: () => app.close() };
  }

  /**
   * The whole `main.ts` of a plugin: parses `--port`/`--host`, starts, prints the handshake line
   * when a host launched it, and shuts down gracefully on SIGINT/SIGTERM or when the launching
   * host goes away (its end of our stdin closes).
   */
  static async run(pluginModule: Type<unknown> | DynamicModule): Promise<RunningPlugin> {
    const log = new Logger('PluginFactory');
    let running: RunningPlugin;
    try {
      const args = parsePluginArgs(process.argv.slice(2));
      running = await PluginFactory.create(pluginModule, {
        host: args.host,
        port: args.port,
        token: process.env[ENV_PLUGIN_TOKEN] || undefined,
      });
      if (args.handshake) {
        process.stdout.write(
          `${HANDSHAKE_PREFIX}|${HANDSHAKE_CORE_VERSION}|${HANDSHAKE_APP_VERSION}|tcp|${running.address}|grpc\n`,
        );
        watchParent(() => stop('host went away'));
      }
    } catch (error) {
      log.error(`Plugin failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    let stopping = false;
    const stop = (reason: string): void => {
      if (stopping) return;
      stopping = true;
      log.log(`Stopping (${reason})`);
      // A hung shutdown must not keep the process alive past the host's patience.
      setTimeout(() => process.exit(0), 2000).unref();
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    return running;
  }
}

/** The host keeps our stdin open as a pipe; its end closing means the host has gone. */
function watchParent(onGone: () => void): void {
  process.stdin.on('end', onGone);
  process.stdin.on('close', onGone);
  process.stdin.on('error', onGone);
  process.stdin.resume();
}
