import * as grpc from '@grpc/grpc-js';
import { EMPTY_BODY, PluginHttpResponse, disposeBody } from '@qntx/domains';
import { WireHttpExchangeFrame, WireHttpStreamHead } from '../protocol/protocol.types';
import { headersFromWire } from '../protocol/protocol.mapping';
import { HTTP_EXCHANGE_WINDOW } from '../plugin-grpc.constants';
import { runWithRequestId } from '../logging/request-context';
import { PluginHttpDispatcher } from './plugin-http.dispatcher';
import { toGrpcError } from './grpc-error.mapping';
import { logAnswer } from './http-call.scope';
import { bodyPieces, responseHead } from './response-frames';

type ExchangeCall = grpc.ServerDuplexStream<WireHttpExchangeFrame, WireHttpExchangeFrame>;

/**
 * Serves one HandleHTTPMultiplex call: the host's HTTP exchanges, each a head with its whole
 * body, answered as the routes finish, in any order (see proto/domain.proto). A route that fails
 * resets its own exchange; the call itself ends only when the host ends or cancels it.
 */
export function serveHttpMultiplex(call: ExchangeCall, dispatcher: PluginHttpDispatcher): void {
  // Tell the host at once that this method exists, before any route has answered.
  call.sendMetadata(new grpc.Metadata());
  const open = new Map<number, PluginExchange>();
  let hostDone = false;
  const endIfIdle = (): void => {
    if (hostDone && open.size === 0 && !call.writableEnded) call.end();
  };
  const sender = new FrameSender(call);
  call.on('data', (frame: WireHttpExchangeFrame) => {
    const id = frame.id;
    if (frame.head) {
      if (open.has(id)) return sender.reset(id, grpc.status.INVALID_ARGUMENT, `exchange ${id} is already open`);
      const exchange = new PluginExchange(id, sender);
      open.set(id, exchange);
      void exchange.serve(frame.head, frame.request_id, dispatcher).finally(() => {
        open.delete(id);
        endIfIdle();
      });
    } else if (frame.reset) open.get(id)?.abort();
    else if (frame.credit) open.get(id)?.grant(frame.credit);
  });
  call.on('end', () => {
    hostDone = true;
    endIfIdle();
  });
  // The host went away (or cancelled the call): every route still running is told so.
  call.on('cancelled', () => {
    for (const exchange of open.values()) exchange.abort();
  });
  call.on('error', () => undefined);
}

/** Writes frames on the call; `write`'s result is the call's backpressure. */
class FrameSender {
  private waiting: (() => void)[] = [];

  constructor(private readonly call: ExchangeCall) {
    const wakeAll = (): void => {
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    };
    call.on('drain', wakeAll);
    // A call that is cancelled or closes never drains: whoever waits must wake and see it closed.
    call.on('cancelled', wakeAll);
    call.on('close', wakeAll);
  }

  get closed(): boolean {
    return this.call.cancelled || this.call.writableEnded || this.call.destroyed;
  }

  /** Sends a frame; resolves at once, or when the call has room again. */
  send(frame: WireHttpExchangeFrame): Promise<void> | undefined {
    if (this.closed) return undefined;
    if (this.call.write(frame)) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  reset(id: number, code: number, message: string): void {
    void this.send({ id, reset: { code, message } });
  }
}

/** One exchange: its route runs with its own abort signal; its body goes out within the host's credit. */
class PluginExchange {
  private readonly abortController = new AbortController();
  private credit = HTTP_EXCHANGE_WINDOW;
  private wakeOnCredit: (() => void) | null = null;

  constructor(
    private readonly id: number,
    private readonly sender: FrameSender,
  ) {}

  abort(): void {
    if (!this.abortController.signal.aborted) this.abortController.abort();
    this.wake();
  }

  grant(bytes: number): void {
    this.credit += bytes;
    this.wake();
  }

  serve(head: WireHttpStreamHead, requestId: string | undefined, dispatcher: PluginHttpDispatcher): Promise<void> {
    const run = (): Promise<void> => this.run(head, dispatcher);
    return requestId ? runWithRequestId(requestId, run) : run();
  }

  private async run(head: WireHttpStreamHead, dispatcher: PluginHttpDispatcher): Promise<void> {
    const signal = this.abortController.signal;
    const started = performance.now();
    let response: PluginHttpResponse;
    try {
      const headers = headersFromWire(head.headers);
      response = await dispatcher.answer(head.method, head.path, headers, head.body ?? EMPTY_BODY, signal, 'HandleHTTPMultiplex');
    } catch (error) {
      if (signal.aborted) return;
      const status = toGrpcError(error);
      return this.sender.reset(this.id, status.code ?? grpc.status.INTERNAL, status.details ?? 'the route failed');
    }
    logAnswer(head.method, head.path, response.status, started);
    if (signal.aborted) return void disposeBody(response.bodyStream);
    await this.respond(response);
  }

  private async respond(response: PluginHttpResponse): Promise<void> {
    const id = this.id;
    const head = responseHead(response);
    await this.sender.send({ id, head });
    if (head.end_of_body) return;
    const signal = this.abortController.signal;
    try {
      for await (const piece of bodyPieces(response)) {
        while (this.credit < piece.length && !signal.aborted && !this.sender.closed) await this.creditArrives();
        if (signal.aborted || this.sender.closed) return;
        this.credit -= piece.length;
        await this.sender.send({ id, data: piece });
        if (signal.aborted || this.sender.closed) return;
      }
    } catch (error) {
      if (signal.aborted) return;
      const status = toGrpcError(error);
      return this.sender.reset(id, status.code ?? grpc.status.INTERNAL, `the response body broke off: ${status.details ?? ''}`);
    }
    if (!signal.aborted) await this.sender.send({ id, end: true });
  }

  private creditArrives(): Promise<void> {
    return new Promise((resolve) => (this.wakeOnCredit = resolve));
  }

  private wake(): void {
    const wake = this.wakeOnCredit;
    this.wakeOnCredit = null;
    wake?.();
  }
}
