import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ExternalContextCreator, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ANY_WEBSOCKET_PATH, DomainRegistry, WebSocketHandler, messageOf } from '@qntx/domains';
import { HOST_CONFIG, HOST_OPTIONS } from '../host.constants';
import { HostConfig } from '../config/host-config.interface';
import { HostOptions } from '../host-options.interface';
import { proxyErrorResponse } from '../http/proxy-error.mapping';
import { HostMetrics } from '../metrics/host-metrics';
import { BrowserSocketBridge } from './browser-socket.bridge';
import { connectHeaders } from './connect-headers';
import { isOriginAllowed } from './origin-policy';
import { refuseUpgrade } from './upgrade-refusal';
import { SocketLimits } from './socket-limits';
import { ResolvedWebSocketOptions, resolveWebSocketOptions } from './websocket-options';
import { UpgradeGuards } from './upgrade-guards';
import { withPipeline } from '../pipeline/plugin-pipeline.decorators';
import { PluginPipelineOptions } from '../pipeline/plugin-pipeline.options';

const SOCKET_URL = /^\/ws\/([^/]+)(?:\/(.*))?$/;

/** How long a client may take to answer the host's 1001 at shutdown before it is cut off. */
const SHUTDOWN_GRACE_MS = 1000;

/**
 * Serves `/ws/<plugin>/<path>` on the host's HTTP server. It takes the server's 'upgrade' event
 * itself (a `ws` server in noServer mode) so that it can look the plugin's socket paths up on
 * every request (a plugin restarted with new paths needs no host restart) and refuse with a real
 * HTTP status: 403 for a foreign Origin, 404 for an unknown plugin or path, 503/504/502 when the
 * plugin cannot answer. Nest's WsAdapter only knows paths fixed at bootstrap and drops the TCP
 * connection for any other, and an app's WebSocket adapter is one for the whole app (it may be
 * socket.io for the app's own gateways). Before accepting, the app's guards decide the upgrade
 * (see UpgradeGuards), so a global auth guard protects plugin sockets as it protects routes.
 */
@Injectable()
export class PluginWebSocketGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('WebSockets');
  private readonly options: ResolvedWebSocketOptions;
  private readonly wss: WebSocketServer;
  private readonly bridges = new Set<BrowserSocketBridge>();
  private readonly limits: SocketLimits;
  private server: Server | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly guards: UpgradeGuards;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.upgrade(req, socket, head).catch((error: unknown) => {
      this.log.error(`WebSocket upgrade of ${req.url} failed: ${messageOf(error)}`);
      refuseUpgrade(socket, 500, { error: 'Internal Server Error', plugin: '', message: messageOf(error) });
    });
  };

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: DomainRegistry,
    @Inject(HOST_OPTIONS) options: HostOptions,
    private readonly metrics: HostMetrics,
    contextCreator: ExternalContextCreator,
    @Inject(HOST_CONFIG) config: HostConfig,
  ) {
    this.guards = new UpgradeGuards(contextCreator, this, this.admitUpgrade);
    this.options = resolveWebSocketOptions(options.webSocket, config);
    this.limits = new SocketLimits(this.options);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxFrameBytes, clientTracking: false });
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    if (this.options.pingIntervalMs > 0) {
      const beat = (): void => this.bridges.forEach((bridge) => bridge.heartbeat());
      this.heartbeat = setInterval(beat, this.options.pingIntervalMs);
      this.heartbeat.unref();
    }
  }

  /** Before plugins shut down: every client hears 1001 and every plugin stream is ended. */
  beforeApplicationShutdown(): void {
    this.server?.off('upgrade', this.onUpgrade);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const bridge of [...this.bridges]) bridge.goAway('host shutting down', SHUTDOWN_GRACE_MS);
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined); // a client that vanishes mid-handshake is not our error
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const match = SOCKET_URL.exec(url.pathname);
    if (!match) {
      // Someone else may serve this path; answer only when nobody else listens.
      if (this.server?.listenerCount('upgrade') !== 1) return;
      const message = `No WebSocket endpoint at ${url.pathname}; use /ws/<plugin>/<path>.`;
      return refuseUpgrade(socket, 404, { error: 'Not Found', plugin: '', message });
    }
    const [, plugin, path = ''] = match;
    if (!isOriginAllowed(req.headers.origin, req.headers.host, this.options.allowedOrigins)) {
      const message = `Origin ${req.headers.origin} may not open WebSockets on this host; add it to the host's allowed origins.`;
      return refuseUpgrade(socket, 403, { error: 'Forbidden', plugin, message });
    }
    (req as IncomingMessage & { params?: Record<string, string> }).params = { plugin, path };
    const refusal = await this.guards.verdict(req);
    if (refusal) return refuseUpgrade(socket, refusal.status, { error: refusal.error, plugin, message: refusal.message });
    const handler = await this.findHandler(plugin, path, socket);
    if (!handler || socket.destroyed) return;
    // Checked and counted in one turn of the event loop: ws calls back synchronously here.
    const client = req.socket.remoteAddress ?? 'unknown';
    const overLimit = this.limits.refusal(plugin, client);
    if (overLimit) return refuseUpgrade(socket, overLimit.status, overLimit.body, overLimit.headers);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const bridge = new BrowserSocketBridge(ws, this.options);
      const release = this.limits.opened(plugin, client);
      this.bridges.add(bridge);
      this.metrics.socketOpened(plugin);
      bridge.onEnd(() => {
        release();
        this.bridges.delete(bridge);
        this.metrics.socketClosed(plugin);
      });
      bridge.open(handler, { path, query: url.search.slice(1), headers: connectHeaders(req) });
    });
  }

  /** The handler the app's guards are evaluated for; reached only when all of them let the upgrade through. */
  admitUpgrade(): boolean {
    return true;
  }

  /** The plugin's handler for the path, asked for now; refuses the upgrade when there is none. */
  private async findHandler(plugin: string, path: string, socket: Duplex): Promise<WebSocketHandler | null> {
    const domain = this.registry.get(plugin);
    if (!domain) {
      refuseUpgrade(socket, 404, { error: 'Not Found', plugin, message: `No plugin named "${plugin}".` });
      return null;
    }
    let handlers: Record<string, WebSocketHandler>;
    try {
      handlers = await domain.registerWebSocket();
    } catch (error) {
      const failure = proxyErrorResponse(plugin, error);
      this.log.warn(`Refused a WebSocket to "${plugin}" with ${failure.status}: ${failure.body.message}`);
      refuseUpgrade(socket, failure.status, failure.body, failure.headers);
      return null;
    }
    const handler = handlers[path] ?? handlers[ANY_WEBSOCKET_PATH];
    if (!handler) {
      const known = Object.keys(handlers).join(', ') || 'none';
      const message = `Plugin "${plugin}" has no WebSocket "${path}" (its sockets: ${known}).`;
      refuseUpgrade(socket, 404, { error: 'Not Found', plugin, message });
      return null;
    }
    return handler;
  }
}

/** The gateway with the host's pipeline guards applied as Nest decorators. */
export function pluginWebSocketGateway(pipeline: PluginPipelineOptions): Type<PluginWebSocketGateway> {
  return withPipeline(PluginWebSocketGateway, pipeline, 'socket', Injectable());
}
