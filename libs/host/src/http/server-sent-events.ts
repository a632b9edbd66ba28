import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rawRequest, rawResponse } from './raw-exchange';

/** A comment line every so often keeps proxies and browsers from timing an idle stream out. */
const KEEPALIVE_MS = 15_000;
/** Events are dropped (with a notice) while this much is still unsent to a slow client. */
const MAX_UNSENT_BYTES = 1024 * 1024;

/** One open `text/event-stream` response. */
export class EventStream {
  private readonly closeListeners: (() => void)[] = [];
  private readonly keepalive: NodeJS.Timeout;
  private dropped = 0;
  closed = false;

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-accel-buffering', 'no'); // nginx in front must not hold events back
    res.flushHeaders();
    res.write(': stream open\n\n');
    this.keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
    req.on('close', () => this.end());
  }

  send(event: string, data: unknown): void {
    if (this.closed) return;
    if (this.res.writableLength > MAX_UNSENT_BYTES) {
      this.dropped++;
      return;
    }
    if (this.dropped > 0) {
      this.res.write(`event: dropped\ndata: ${this.dropped}\n\n`);
      this.dropped = 0;
    }
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    this.res.end();
    for (const listener of this.closeListeners) listener();
  }
}

/**
 * Opens server-sent event streams and ends them all before the host's HTTP server closes: an
 * open stream would otherwise hold the shutdown until the client gives up.
 */
@Injectable()
export class ServerSentEvents implements BeforeApplicationShutdown {
  private readonly open = new Set<EventStream>();

  /** `req` and `res` as `@Req()` and `@Res()` give them, under Express or Fastify. */
  start(req: unknown, res: unknown): EventStream {
    const stream = new EventStream(rawRequest(req), rawResponse(res));
    this.open.add(stream);
    stream.onClose(() => this.open.delete(stream));
    return stream;
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.open]) stream.end();
  }
}
