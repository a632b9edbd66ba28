import type { IncomingMessage, ServerResponse } from 'node:http';
import { PluginHttpResponse, PluginTimeoutError, disposeBody } from '@qntx/domains';

/** The client closed the connection before its response was complete. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection.');
    this.name = 'ClientGoneError';
  }
}

/**
 * The cancellation of one proxied call: its signal aborts when the client goes away or when the
 * plugin misses its deadline. The deadline bounds the wait for the response head only; a body
 * after the head (a download, an event stream) may take as long as the client keeps reading.
 */
export class PluginCallScope {
  private readonly controller = new AbortController();

  constructor(
    private readonly req: IncomingMessage,
    res: ServerResponse,
  ) {
    res.on('close', () => {
      if (!res.writableFinished) this.controller.abort(new ClientGoneError());
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * The handler's response head, or a `PluginTimeoutError` after `timeoutMs`. While a streamed
   * request body is still arriving the clock restarts as long as the upload moves, so a large or
   * slow upload is not cut; an upload that stalls (the plugin stopped reading) is.
   */
  awaitHead(
    pending: Promise<PluginHttpResponse>,
    plugin: string,
    timeoutMs: number,
    uploading: boolean,
  ): Promise<PluginHttpResponse> {
    const { signal } = this.controller;
    const socket = this.req.socket;
    let bytesRead = socket.bytesRead;
    return new Promise<PluginHttpResponse>((resolve, reject) => {
      const give = (error: Error): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => {
        give(signal.reason as Error);
        // Whatever the handler answers now has nobody to go to.
        pending.then((late) => disposeBody(late.bodyStream), () => undefined);
      };
      const onTimeout = (): void => {
        if (uploading && !this.req.readableEnded && socket.bytesRead !== bytesRead) {
          bytesRead = socket.bytesRead;
          timer.refresh();
          return;
        }
        this.controller.abort(new PluginTimeoutError(plugin, timeoutMs));
      };
      const timer = setTimeout(onTimeout, timeoutMs);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (response) => {
          if (signal.aborted) return;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(response);
        },
        (error: unknown) => {
          if (!signal.aborted) give(error as Error);
        },
      );
    });
  }
}
