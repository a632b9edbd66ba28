import * as grpc from '@grpc/grpc-js';
import { EMPTY_BODY, PluginHttpRequest, PluginHttpResponse } from '@qntx/domains';
import { WireHttpExchangeFrame } from '../../protocol/protocol.types';
import { messageCodec } from '../../protocol/protocol-codecs';
import { headersFromWire, headersToWire } from '../../protocol/protocol.mapping';
import { H2GrpcChannel } from './h2-grpc.channel';
import { CallStatus, H2GrpcCall } from './h2-grpc.call';
import { GrpcCallStatusError } from './grpc-call-status';
import { ExchangeBody } from './exchange-body';
import { HTTP_EXCHANGE_WINDOW } from '../../plugin-grpc.constants';

const EXCHANGE_FRAME = messageCodec<WireHttpExchangeFrame & { frame?: string }>('protocol.HTTPExchangeFrame');
const HANDLE_HTTP_MULTIPLEX = '/protocol.DomainPluginService/HandleHTTPMultiplex';
/** Ids wrap well before uint32 does; an id is reused only long after its exchange ended. */
const MAX_ID = 0x7fffffff;
/**
 * Body bytes granted with a response head beyond the contract's window, so that 1 MiB of a
 * streamed answer is in flight per exchange: a 1 GiB download went from ~190 to ~300–370 MiB/s
 * (256 KiB in flight is four frames per credit round trip). It is also the most a slow client's
 * exchange holds in the host.
 */
export const EXCHANGE_EXTRA_CREDIT = 1024 * 1024 - HTTP_EXCHANGE_WINDOW;

/** The plugin answered HandleHTTPMultiplex with UNIMPLEMENTED: the request was not run; send it another way. */
export class MultiplexUnsupportedError extends Error {
  constructor() {
    super('The plugin does not implement HandleHTTPMultiplex.');
    this.name = 'MultiplexUnsupportedError';
  }
}

interface OpenExchange {
  /** The call it was sent on: only that call's end fails it. */
  call: H2GrpcCall;
  resolve(response: PluginHttpResponse): void;
  reject(error: Error): void;
  /** Set once the head said a body follows. */
  body: ExchangeBody | null;
  cleanup(): void;
}

/**
 * The host side of HandleHTTPMultiplex: every small HTTP exchange with one plugin as a few
 * messages on one long-lived call, instead of an HTTP/2 stream each (stream setup, headers and
 * trailers dominated both processes' CPU per proxied request). Opened on first use and again
 * after it ends; a plugin that does not have the method is remembered, and every exchange
 * tried on it is refused with MultiplexUnsupportedError before it ran.
 */
export class HttpMultiplexClient {
  private call: H2GrpcCall | null = null;
  /** Whether the plugin has the method: unknown until its first answer on a call. */
  private supported: boolean | undefined;
  private readonly open = new Map<number, OpenExchange>();
  private nextId = 0;

  constructor(private readonly channel: H2GrpcChannel) {}

  /** False once the plugin answered UNIMPLEMENTED (until `forget`). */
  get usable(): boolean {
    return this.supported !== false;
  }

  /** Forget what was learned: the plugin was restarted, perhaps as another build. */
  forget(): void {
    this.supported = undefined;
  }

  /** One exchange; the request's body must be whole (no `bodyStream`). */
  exchange(request: PluginHttpRequest, requestId: string | undefined): Promise<PluginHttpResponse> {
    if (this.supported === false) return Promise.reject(new MultiplexUnsupportedError());
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const call = this.call ?? this.openCall();
    const id = this.takeId();
    return new Promise<PluginHttpResponse>((resolve, reject) => {
      const onAbort = (): void => {
        const exchange = this.open.get(id);
        if (!exchange) return;
        this.open.delete(id);
        this.send(call, { id, reset: { code: grpc.status.CANCELLED, message: 'the client went away or the deadline passed' } });
        exchange.body?.fail(signal!.reason as Error);
        reject(signal!.reason as Error);
      };
      this.open.set(id, {
        call,
        resolve,
        reject,
        body: null,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send(call, {
        id,
        head: {
          method: request.method,
          path: request.query ? `${request.path}?${request.query}` : request.path,
          status_code: 0,
          headers: headersToWire(request.headers),
          end_of_body: true,
          body: request.body,
        },
        request_id: requestId ?? '',
      });
    });
  }

  close(): void {
    this.call?.end();
    this.call = null;
  }

  private takeId(): number {
    do {
      this.nextId = this.nextId >= MAX_ID ? 1 : this.nextId + 1;
    } while (this.open.has(this.nextId));
    return this.nextId;
  }

  private openCall(): H2GrpcCall {
    const call = this.channel.start(HANDLE_HTTP_MULTIPLEX);
    this.call = call;
    call.on('metadata', () => (this.supported = true));
    call.on('message', (bytes: Buffer) => this.onFrame(call, EXCHANGE_FRAME.decode(bytes)));
    call.once('status', (status: CallStatus) => this.onEnd(call, status));
    // The plugin is stopping (GOAWAY): no new exchange goes on this call, and ending our side
    // lets the plugin finish the open ones and end the call, so its stop need not wait them out.
    call.session?.once('goaway', () => {
      if (this.call !== call) return;
      this.call = null;
      call.end();
    });
    return call;
  }

  private send(call: H2GrpcCall, frame: WireHttpExchangeFrame): void {
    call.write(EXCHANGE_FRAME.encode(frame));
  }

  private onFrame(call: H2GrpcCall, frame: WireHttpExchangeFrame & { frame?: string }): void {
    this.supported = true;
    const id = frame.id;
    const exchange = this.open.get(id);
    if (!exchange) return; // reset by us already; its late frames are dropped
    switch (frame.frame) {
      case 'head': {
        const head = frame.head!;
        const response: PluginHttpResponse = {
          status: head.status_code,
          headers: headersFromWire(head.headers),
          body: Buffer.isBuffer(head.body) ? head.body : EMPTY_BODY,
        };
        if (head.end_of_body) {
          this.settle(id, exchange);
          return exchange.resolve(response);
        }
        // The body follows in data frames; each one the reader takes is credit for more. The
        // contract's window is what a plugin may send unasked; granting more at once lets a fast
        // download keep more frames in flight than one credit round trip allows.
        this.send(call, { id, credit: EXCHANGE_EXTRA_CREDIT });
        exchange.body = new ExchangeBody({
          credit: (bytes) => this.send(call, { id, credit: bytes }),
          abandon: () => {
            if (this.open.get(id) !== exchange) return;
            this.settle(id, exchange);
            this.send(call, { id, reset: { code: grpc.status.CANCELLED, message: 'the client stopped reading' } });
          },
        });
        // The head is answered; the request's abort now only concerns the body.
        exchange.resolve({ ...response, bodyStream: exchange.body });
        return;
      }
      case 'data':
        exchange.body?.push(Buffer.isBuffer(frame.data) ? frame.data : EMPTY_BODY);
        return;
      case 'end':
        this.settle(id, exchange);
        exchange.body?.finish();
        return;
      case 'reset': {
        this.settle(id, exchange);
        const reset = frame.reset!;
        const error = new GrpcCallStatusError(reset.code, reset.message);
        if (exchange.body) exchange.body.fail(error);
        else exchange.reject(error);
        return;
      }
    }
  }

  private settle(id: number, exchange: OpenExchange): void {
    this.open.delete(id);
    exchange.cleanup();
  }

  /** The call ended: its open exchanges fail with its status; the next exchange opens a new call. */
  private onEnd(call: H2GrpcCall, status: CallStatus): void {
    if (this.call === call) this.call = null;
    const unsupported = status.code === grpc.status.UNIMPLEMENTED && this.supported !== true;
    if (unsupported) this.supported = false;
    const failure = unsupported
      ? new MultiplexUnsupportedError()
      : status.code === grpc.status.OK
        ? new GrpcCallStatusError(grpc.status.UNAVAILABLE, 'the plugin ended the call before answering')
        : new GrpcCallStatusError(status.code, status.details);
    for (const [id, exchange] of this.open) {
      if (exchange.call !== call) continue;
      this.settle(id, exchange);
      if (exchange.body) exchange.body.fail(failure);
      else exchange.reject(failure);
    }
  }
}
