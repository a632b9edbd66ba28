/**
 * A route path as OpenAPI writes it, relative to `/api/<plugin>`: `files/*path` becomes
 * `/files/{path}`, `items/:id` `/items/{id}`, `''` `/`; with the names of its path parameters in order.
 * An optional wildcard (`{*rest}`) is written as a parameter too: OpenAPI has no optional path part.
 */
export function openApiPath(routePath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const segments = routePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const name = /^:(\w+)$/.exec(part)?.[1] ?? /^\{?\*(\w*)\}?$/.exec(part)?.[1];
      if (name === undefined) return part;
      params.push(name || 'path');
      return `{${name || 'path'}}`;
    });
  return { path: `/${segments.join('/')}`, params };
}

/** The OpenAPI operations one route method stands for (`ALL`: the five that carry requests). */
export function openApiMethods(method: string): string[] {
  return method === 'ALL' ? ['get', 'post', 'put', 'patch', 'delete'] : [method.toLowerCase()];
}
