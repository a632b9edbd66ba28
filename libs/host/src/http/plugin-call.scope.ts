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
 * The cancellation of one proxied call: it ends when the client goes away or when the plugin
 * misses its deadline. The deadline bounds the wait for the response head only; a body after the
 * head (a download, an event stream) may take as long as the client keeps reading.
 *
 * The AbortSignal handed to the plugin is made only when the plugin asks for it (a built-in
 * route that never looks at `request.signal` costs none), and the scope ends its own wait
 * directly rather than by listening to that signal: both were a measurable share of a small
 * request's CPU.
 */
export class PluginCallScope {
  private controller: AbortController | null = null;
  private reason: Error | null = null;
  /** Ends the pending awaitHead with an error, while one is pending. */
  private interrupt: ((error: Error) => void) | null = null;

  constructor(
    private readonly req: IncomingMessage,
    res: ServerResponse,
  ) {
    res.on('close', () => {
      if (!res.writableFinished) this.abort(new ClientGoneError());
    });
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  private abort(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller?.abort(reason);
    this.interrupt?.(reason);
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
    // Whatever the handler answers after the call was given up has nobody to go to.
    const discardLate = (): void => void pending.then((late) => disposeBody(late.bodyStream), () => undefined);
    if (this.reason) {
      discardLate();
      return Promise.reject(this.reason);
    }
    const socket = this.req.socket;
    let bytesRead = socket.bytesRead;
    return new Promise<PluginHttpResponse>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.interrupt = null;
        return true;
      };
      const onTimeout = (): void => {
        if (uploading && !this.req.readableEnded && socket.bytesRead !== bytesRead) {
          bytesRead = socket.bytesRead;
          timer.refresh();
          return;
        }
        this.abort(new PluginTimeoutError(plugin, timeoutMs));
      };
      const timer = setTimeout(onTimeout, timeoutMs);
      this.interrupt = (error) => {
        if (!settle()) return;
        reject(error);
        discardLate();
      };
      pending.then(
        (response) => {
          if (settle()) resolve(response);
        },
        (error: unknown) => {
          if (settle()) reject(error as Error);
        },
      );
    });
  }
}
