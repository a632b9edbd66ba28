import { HttpHandler, HttpRouteOptions, HttpRouter } from './http.interface';
import { RoutePattern } from './route-pattern';
import { RouteNamespaceError } from './errors/route-namespace.error';

export interface RouteMatch {
  handler: HttpHandler;
  params: Record<string, string>;
  /** The handler reads the body as a stream (`HttpRouteOptions.streamBody`). */
  streamBody: boolean;
}

interface RouteEntry {
  method: string;
  pattern: RoutePattern;
  handler: HttpHandler;
  streamBody: boolean;
}

/**
 * The router a plugin registers its HTTP routes on. It only accepts paths under
 * `/api/<plugin-name>`, so one plugin cannot take another's URLs or the host's.
 */
export class PluginRouter implements HttpRouter {
  private readonly routes: RouteEntry[] = [];
  private readonly prefix: string;

  constructor(readonly plugin: string) {
    this.prefix = `/api/${plugin}`;
  }

  handle(method: string, path: string, handler: HttpHandler, options: HttpRouteOptions = {}): void {
    const normalized = path.replace(/\/+$/, '') || '/';
    if (normalized !== this.prefix && !normalized.startsWith(`${this.prefix}/`)) {
      throw new RouteNamespaceError(this.plugin, path);
    }
    const streamBody = options.streamBody === true;
    this.routes.push({ method: method.toUpperCase(), pattern: new RoutePattern(normalized), handler, streamBody });
    this.routes.sort((a, b) => b.pattern.specificity - a.pattern.specificity);
  }

  /** The handler for a request, or null when no route matches (the host answers 404). */
  match(method: string, path: string): RouteMatch | null {
    const upper = method.toUpperCase();
    for (const route of this.routes) {
      if (!methodMatches(route.method, upper)) continue;
      const params = route.pattern.match(path);
      if (params) return { handler: route.handler, params, streamBody: route.streamBody };
    }
    return null;
  }

  get size(): number {
    return this.routes.length;
  }
}

function methodMatches(routeMethod: string, requestMethod: string): boolean {
  if (routeMethod === '*' || routeMethod === 'ALL') return true;
  if (routeMethod === requestMethod) return true;
  return routeMethod === 'GET' && requestMethod === 'HEAD';
}
