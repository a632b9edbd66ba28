import { HttpServer, Type } from '@nestjs/common';
import { PluginHttpController, routePluginsFor } from './plugin-http.controller';

type RouteHandler = (...args: never[]) => unknown;

/** The parts of a Fastify instance used here. */
interface FastifyInstanceLike {
  supportedMethods: string[];
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(type: string, parser: (request: unknown, payload: unknown, done: (error: Error | null) => void) => void): void;
  hasRoute(route: { url: string; method: string }): boolean;
  all(url: string, ...rest: unknown[]): unknown;
  route(route: { url: string; method: string[]; handler: RouteHandler }): unknown;
}

/**
 * Fits the host's routes to the app's HTTP adapter, before Nest registers routes. Express needs
 * nothing. Under Fastify:
 * - the plugin routes take Fastify's path syntax;
 * - a request whose content type no parser of the app claims reaches its route with the stream
 *   unread (Fastify would answer 415), so a plugin gets any body, streamed; types the app parses
 *   itself (JSON, text) arrive parsed and are passed on from that (see parsed-body.ts);
 * - an `@All` route on a path that has routes for some methods already takes the other methods,
 *   as it does under Express (the host answers 405 that way); Fastify's router would refuse the
 *   path as declared twice.
 */
export function fitHostRoutesTo(adapter: HttpServer | undefined, controller: Type<PluginHttpController>): void {
  const type = adapter?.getType();
  routePluginsFor(controller, type);
  if (type !== 'fastify' || !adapter) return;
  const fastify = adapter.getInstance() as FastifyInstanceLike;
  if (!fastify.hasContentTypeParser('*')) fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const all = fastify.all.bind(fastify);
  fastify.all = (url: string, ...rest: unknown[]): unknown => {
    const open = fastify.supportedMethods.filter((method) => !fastify.hasRoute({ url, method }));
    if (open.length === fastify.supportedMethods.length || rest.length !== 1) return all(url, ...rest);
    return fastify.route({ url, method: open, handler: rest[0] as RouteHandler });
  };
}
