import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** What an app's body parser left of a request whose stream it has read. */
export interface ParsedBody {
  /** The parsed value (a JSON object, a string, a Buffer). */
  body: unknown;
  /** The bytes as received, when the app was created with `rawBody: true`. */
  rawBody?: Buffer;
}

/**
 * One request and its response as Node's own objects, whichever HTTP adapter the Nest app runs
 * on (Express hands these over as they are, Fastify wraps them), so plugin traffic streams both
 * ways through the same code on either.
 */
export interface RawExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The route pattern that matched, with the app's global prefix and version, when the adapter tells. */
  readonly pattern: string | undefined;
  /** The body, when the app's body parser read the request stream before the handler ran. */
  readonly parsed: ParsedBody | undefined;
  /**
   * Called once the handler writes `res` itself: Fastify is told to keep out of the response
   * (`reply.hijack()`), and headers the pipeline set on the reply (an interceptor's, say) go on
   * `res` first, so the handler's own headers win over them as they do under Express.
   */
  take(): void;
}

/** The parts of Fastify's request and reply used here (`@nestjs/platform-fastify` hands these to `@Req()`/`@Res()`). */
interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
  rawBody?: Buffer;
  routeOptions?: { url?: string };
}
interface FastifyReplyLike {
  raw: ServerResponse;
  sent: boolean;
  hijack(): unknown;
  getHeaders(): OutgoingHttpHeaders;
}

/** What Express's body parser (`body-parser`) and router leave on a request. */
interface ExpressRequestLike extends IncomingMessage {
  _body?: boolean;
  body?: unknown;
  rawBody?: Buffer;
  route?: { path?: unknown };
}

/** `@Req()` and `@Res()` of a route handler, as Node's request and response. */
export function rawExchange(req: unknown, res: unknown): RawExchange {
  return isFastifyReply(res) ? fastifyExchange(req as FastifyRequestLike, res) : expressExchange(req as ExpressRequestLike, res as ServerResponse);
}

/** Node's request under `@Req()`, whichever the adapter. */
export function rawRequest(req: unknown): IncomingMessage {
  const raw = (req as Partial<FastifyRequestLike>).raw;
  return raw !== undefined && typeof (raw as IncomingMessage).on === 'function' ? raw : (req as IncomingMessage);
}

/** Node's response under `@Res()`, taken from the adapter at once, for a handler that writes it itself. */
export function rawResponse(res: unknown): ServerResponse {
  if (!isFastifyReply(res)) return res as ServerResponse;
  takeReply(res);
  return res.raw;
}

function isFastifyReply(res: unknown): res is FastifyReplyLike {
  return typeof (res as Partial<FastifyReplyLike>).hijack === 'function' && typeof (res as Partial<FastifyReplyLike>).raw === 'object';
}

function expressExchange(req: ExpressRequestLike, res: ServerResponse): RawExchange {
  const pattern = req.route?.path;
  return {
    req,
    res,
    pattern: typeof pattern === 'string' ? pattern : undefined,
    parsed: req._body === true ? { body: req.body, rawBody: req.rawBody } : undefined,
    take: noop,
  };
}

function fastifyExchange(request: FastifyRequestLike, reply: FastifyReplyLike): RawExchange {
  // Fastify leaves `body` undefined when no content-type parser read the stream (the host's
  // pass-through parser, a GET); `null` is what a parser gives for an empty body.
  const parsed = request.body === undefined ? undefined : { body: request.body, rawBody: request.rawBody };
  return {
    req: request.raw,
    res: reply.raw,
    pattern: request.routeOptions?.url,
    parsed,
    take: () => takeReply(reply),
  };
}

function takeReply(reply: FastifyReplyLike): void {
  if (reply.sent) return;
  const headers = reply.getHeaders();
  reply.hijack();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) reply.raw.setHeader(name, value);
  }
}

function noop(): void {}
