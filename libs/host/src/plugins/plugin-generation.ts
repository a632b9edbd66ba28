import {
  DomainPlugin,
  HttpBodySource,
  HttpHandler,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRouter,
  PluginUnavailableError,
  WebSocketHandler,
  WebSocketPeer,
  WebSocketSession,
} from '@qntx/domains';
import { LoadedPlugin } from './loaded-plugin.interface';
import { replayable } from './replayable-request';

/**
 * starting: checks still running (Metadata, Initialize, Health); live: takes new traffic;
 * draining: no new traffic, finishing what it has; stopped: shut down; failed: never went live,
 * or was rolled back.
 */
export type GenerationState = 'starting' | 'live' | 'draining' | 'stopped' | 'failed';

/** One generation as `GET /api/plugins` shows it. */
export interface GenerationStatus {
  generation: number;
  version: string;
  state: GenerationState;
  pid: number | null;
  /** When it entered its state. */
  since: string;
  /** Until when a crash sends traffic back to the previous generation; null outside probation. */
  probationUntil: string | null;
  inFlight: number;
  sockets: number;
  /** Why it failed or was rolled back. */
  reason: string | null;
}

/**
 * One running version of a plugin: its adapter (a launched process, a connection or a built-in
 * module), its HTTP routes and sockets, and what it is serving now. Every request and socket it
 * takes is counted until it ends, so that an old generation is shut down only once its work is
 * done (or its drain deadline has passed). During the probation of the next generation it is
 * that generation's `fallback`: a request the new one dropped without an answer (it crashed) is
 * sent here again, when that is safe.
 */
export class PluginGeneration {
  private currentState: GenerationState = 'starting';
  private stateSince = Date.now();
  private requests = 0;
  private readonly peers = new Set<WebSocketPeer>();
  private readonly waiters = new Set<() => void>();
  private routes: PluginRouter | null = null;
  private readonly listeners = new Set<() => void>();
  reason: string | null = null;
  probationUntil: number | null = null;
  fallback: PluginGeneration | null = null;

  constructor(
    readonly number: number,
    readonly loaded: LoadedPlugin,
  ) {}

  get plugin(): DomainPlugin {
    return this.loaded.plugin;
  }

  get name(): string {
    return this.plugin.metadata().name;
  }

  get state(): GenerationState {
    return this.currentState;
  }

  /** The routes it registered, each handler counted; null before `registerRoutes`. */
  get router(): PluginRouter | null {
    return this.routes;
  }

  /** Asks the plugin for its routes (again, after a restart of its process). */
  async registerRoutes(): Promise<PluginRouter> {
    const router = new PluginRouter(this.name);
    await this.plugin.registerHttp({
      handle: (method, path, handler, options) => router.handle(method, path, (request) => this.serve(handler, request), options),
    });
    this.routes = router;
    return router;
  }

  /** The plugin's socket handlers, asked for now (as the gateway does at each upgrade), each counted. */
  async sockets(): Promise<Record<string, WebSocketHandler>> {
    const handlers = await this.plugin.registerWebSocket();
    return Object.fromEntries(Object.entries(handlers).map(([path, handler]) => [path, this.counted(handler)]));
  }

  enter(state: GenerationState, reason: string | null = this.reason): void {
    if (this.currentState === state && this.reason === reason) return;
    this.currentState = state;
    this.stateSince = Date.now();
    this.reason = reason;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): GenerationStatus {
    const inProbation = this.probationUntil !== null && this.probationUntil > Date.now() && this.currentState === 'live';
    return {
      generation: this.number,
      version: this.plugin.metadata().version,
      state: this.currentState,
      pid: this.loaded.supervisor?.status().pid ?? null,
      since: new Date(this.stateSince).toISOString(),
      probationUntil: inProbation ? new Date(this.probationUntil!).toISOString() : null,
      inFlight: this.requests,
      sockets: this.peers.size,
      reason: this.reason,
    };
  }

  /**
   * Lets its open sockets run until `socketDeadline` (epoch ms), then closes those still open with
   * `closeCode` (1012 after an upgrade: clients reconnect, to the new generation); lets its
   * requests finish until `requestDeadline`. Resolves when both are done or past.
   */
  async drain(socketDeadline: number, requestDeadline: number, closeCode: number, reason: string): Promise<void> {
    await this.until(() => this.peers.size === 0, socketDeadline);
    for (const peer of [...this.peers]) peer.close(closeCode, reason);
    await this.until(() => this.requests === 0 && this.peers.size === 0, Math.max(requestDeadline, Date.now() + 1_000));
  }

  private until(done: () => boolean, deadline: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = (): void => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, Math.max(0, deadline - Date.now()));
      timer.unref(); // a drain never keeps a stopping process alive
      this.waiters.add(check);
    });
  }

  private settled(): void {
    for (const check of [...this.waiters]) check();
  }

  private begin(): () => void {
    this.requests++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.requests--;
      this.settled();
    };
  }

  private async serve(handler: HttpHandler, request: PluginHttpRequest): Promise<PluginHttpResponse> {
    const end = this.begin();
    let response: PluginHttpResponse;
    try {
      response = await handler(request);
    } catch (error) {
      end();
      const fallback = this.fallback;
      if (fallback && replayable(request, error)) return fallback.replay(request);
      throw error;
    }
    if (!response.bodyStream) {
      end();
      return response;
    }
    // A streamed body is still being served until it ends, fails, or the client goes away.
    request.signal?.addEventListener('abort', end, { once: true });
    return { ...response, bodyStream: untilEnded(response.bodyStream, end) };
  }

  /** The request again, on this generation's own route for it. */
  private async replay(request: PluginHttpRequest): Promise<PluginHttpResponse> {
    const match = this.routes?.match(request.method, request.path);
    if (!match) throw new PluginUnavailableError(this.name, `no generation can serve ${request.method} ${request.path} now`);
    return match.handler({ ...request, params: match.params });
  }

  private counted(handler: WebSocketHandler): WebSocketHandler {
    return async (info, peer) => {
      this.peers.add(peer);
      const end = (): void => {
        if (this.peers.delete(peer)) this.settled();
      };
      info.signal.addEventListener('abort', end, { once: true });
      let session: WebSocketSession;
      try {
        session = await handler(info, peer);
      } catch (error) {
        end();
        throw error;
      }
      return session;
    };
  }
}

/** The same body, calling `end` once when it has been read whole, has failed or was given up. */
function untilEnded(source: HttpBodySource, end: () => void): HttpBodySource {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string> {
      const inner = source[Symbol.asyncIterator]();
      return {
        next: async () => {
          try {
            const item = await inner.next();
            if (item.done) end();
            return item;
          } catch (error) {
            end();
            throw error;
          }
        },
        return: async (value?: unknown) => {
          end();
          return (await inner.return?.(value)) ?? { done: true, value: undefined };
        },
        throw: async (error?: unknown) => {
          end();
          if (inner.throw) return inner.throw(error);
          throw error;
        },
      };
    },
  };
}
