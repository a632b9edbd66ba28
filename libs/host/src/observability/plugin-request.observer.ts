import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_OPTIONS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { HostMetrics } from '../metrics/host-metrics';
import { methodIndex, statusIndex } from '../metrics/http-labels';
import { assignRequestId } from './request-id';
import { wasDelivered } from './response-delivery';
import { traceRequest } from '../tracing/plugin-request.tracing';

/** A request as Express hands it to the plugin controller (`originalUrl` keeps the global prefix). */
type ObservedRequest = IncomingMessage & { originalUrl?: string };

/**
 * Called by the plugin controller for each request that passed the app's guards. Gives the
 * request an id (the client's X-Request-Id, or a new one) that is set on the response and
 * forwarded to the plugin (the bridge forwards request headers; the gRPC client sends it as
 * metadata). For a loaded plugin it records count, status and latency when the response ends,
 * and logs 502/504 with the id (every request at debug level with `accessLog`). The plugin name
 * is looked up among the loaded plugins, so an unknown name in a URL never becomes a label.
 */
@Injectable()
export class PluginRequestObserver {
  private readonly log = new Logger('HTTP');
  private readonly accessLog: boolean;

  constructor(
    private readonly metrics: HostMetrics,
    @Inject(HOST_OPTIONS) options: HostOptions,
  ) {
    this.accessLog = options.accessLog ?? false;
  }

  observe(plugin: string, req: ObservedRequest, res: ServerResponse): void {
    const requestId = assignRequestId(req, res);
    const traceId = traceRequest(plugin, req, res);
    const stats = this.metrics.httpStats(plugin);
    if (!stats) return;
    const started = performance.now();
    stats.inFlight++;
    // Every request leaves the gauge once: at 'close', which comes after 'finish' or when the
    // client went away first; or now, if the client left while the app's guards ran.
    const settle = (): void => {
      stats.inFlight--;
      const seconds = (performance.now() - started) / 1000;
      const status = wasDelivered(res) ? res.statusCode : 'aborted';
      stats.record(methodIndex(req.method ?? 'GET'), statusIndex(status), seconds);
      const failed = status === 502 || status === 504;
      if (failed || this.accessLog) this.report(req, plugin, requestId, traceId, status, seconds, failed);
    };
    if (res.closed) settle();
    else res.once('close', settle);
  }

  /** 502 and 504 (the plugin failed or did not answer) as warnings; with the access log, every request at debug. */
  private report(
    req: ObservedRequest,
    plugin: string,
    requestId: string,
    traceId: string | undefined,
    status: number | 'aborted',
    seconds: number,
    failed: boolean,
  ): void {
    const path = (req.originalUrl ?? req.url ?? '').split('?', 1)[0];
    const line = {
      msg: `${req.method} ${path} ${status}`,
      requestId,
      ...(traceId ? { traceId } : {}),
      plugin,
      status,
      ms: Math.round(seconds * 10_000) / 10,
    };
    if (failed) this.log.warn(line);
    else this.log.debug(line);
  }
}
