import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { RequestObserverMiddleware } from '../observability/request-observer.middleware';
import { PluginHttpBridge } from './plugin-http.bridge';
import { sendJsonError } from './json-error.reply';
import { pluginSegment } from './plugin-url';

/**
 * Takes `/api/<plugin>` and `/api/<plugin>/...` of a loaded plugin straight off the Node HTTP
 * server, ahead of Express; every other request goes on to the Nest app as before.
 *
 * Why: on the proxied path Express's router, Nest's route wrapper and the middleware chain cost
 * the host as much CPU per request as the gRPC call itself, and none of it does anything for a
 * request the bridge handles whole (the body parser is off; the bridge writes its own answers
 * and errors). The request observer (request id, metrics, access log) still runs first.
 */
@Injectable()
export class PluginHttpEntry implements OnApplicationBootstrap {
  private readonly log = new Logger('HTTP');
  private readonly plugins: ReadonlySet<string>;

  constructor(
    private readonly bridge: PluginHttpBridge,
    private readonly observer: RequestObserverMiddleware,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(LOADED_PLUGINS) loaded: LoadedPlugin[],
  ) {
    this.plugins = new Set(loaded.map(({ plugin }) => plugin.metadata().name));
  }

  /** The HTTP server exists from the app's creation; requests reach it only after `listen`. */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.install(server);
  }

  /** Puts this entry in front of the server's request listener (the Express app). */
  install(server: Server): void {
    const rest = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const next: RequestListener = rest.length === 1 ? rest[0] : (req, res) => rest.forEach((l) => l(req, res));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const plugin = this.pluginOf(req.url ?? '');
      if (plugin === undefined) return void next(req, res);
      this.observer.use(req, res, noop);
      this.bridge.handle(plugin, req, res).catch((error: unknown) => this.fail(plugin, res, error));
    });
  }

  /** The loaded plugin a URL is addressed to: "code" of "/api/code", "/api/code/x" or "/api/code?y". */
  private pluginOf(url: string): string | undefined {
    const name = pluginSegment(url);
    return name !== undefined && this.plugins.has(name) ? name : undefined;
  }

  /** The bridge answers every failure itself; reaching here is a bug, which must not take the host down. */
  private fail(plugin: string, res: ServerResponse, error: unknown): void {
    this.log.error({ msg: `Unhandled error proxying to plugin "${plugin}"`, error: String(error) });
    sendJsonError(res, 500, {}, { error: 'Internal Server Error', plugin, message: 'The host failed to proxy the request.' });
  }
}

function noop(): void {}
