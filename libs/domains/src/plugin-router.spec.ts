import { PluginRouter } from './plugin-router';
import { RouteNamespaceError } from './errors/route-namespace.error';
import { HttpHandler } from './http.interface';

const handler = (tag: string): HttpHandler => async () => ({ status: 200, headers: {}, body: Buffer.from(tag) });

describe('PluginRouter', () => {
  it.each(['/api/other/x', '/data', '/api/codex', '/api', '/api/plugins'])(
    'refuses to register "%s" outside /api/code, naming plugin and path',
    (path) => {
      const router = new PluginRouter('code');
      expect(() => router.handle('GET', path, handler('x'))).toThrow(RouteNamespaceError);
      expect(() => router.handle('GET', path, handler('x'))).toThrow(`"code" tried to register route "${path}"`);
    },
  );

  it('matches literal routes, :params and *wildcards, most specific first', async () => {
    const router = new PluginRouter('code');
    router.handle('GET', '/api/code/files/*path', handler('files'));
    router.handle('GET', '/api/code/files/special', handler('special'));
    router.handle('GET', '/api/code/items/:id', handler('item'));
    router.handle('GET', '/api/code', handler('root'));

    expect(router.match('GET', '/api/code/files/a/b%20c.txt')?.params).toEqual({ path: 'a/b c.txt' });
    expect(await body(router.match('GET', '/api/code/files/special')?.handler)).toBe('special');
    expect(router.match('GET', '/api/code/items/42')?.params).toEqual({ id: '42' });
    expect(await body(router.match('GET', '/api/code/')?.handler)).toBe('root');
    expect(router.match('GET', '/api/code/files')).toBeNull();
    expect(router.match('GET', '/api/code/items/1/2')).toBeNull();
  });

  it('matches by method, with * for every method and GET also serving HEAD', () => {
    const router = new PluginRouter('code');
    router.handle('POST', '/api/code/items', handler('post'));
    router.handle('GET', '/api/code/page', handler('page'));
    router.handle('*', '/api/code/any/{*rest}', handler('any'));
    expect(router.match('GET', '/api/code/items')).toBeNull();
    expect(router.match('post', '/api/code/items')).not.toBeNull();
    expect(router.match('HEAD', '/api/code/page')).not.toBeNull();
    expect(router.match('DELETE', '/api/code/any')?.params).toEqual({ rest: '' });
  });
});

async function body(h: HttpHandler | undefined): Promise<string> {
  if (!h) return '(no match)';
  const r = await h({ method: 'GET', path: '', relativePath: '', query: '', headers: {}, body: Buffer.alloc(0), params: {} });
  return r.body.toString();
}
