import { parsedBodyOf } from './parsed-body';
import { PluginHttpException } from './plugin-http.exception';

describe('parsedBodyOf (an app whose body parser read the body before the plugin route)', () => {
  it('leaves an unread body to be streamed', () => {
    expect(parsedBodyOf(undefined, 'application/json', 'code')).toBeUndefined();
  });

  it("gives the plugin the client's exact bytes when the app keeps rawBody", () => {
    const raw = Buffer.from('{ "a" : 1 }');
    expect(parsedBodyOf({ body: { a: 1 }, rawBody: raw }, 'application/json', 'code')).toBe(raw);
  });

  it('serializes a parsed JSON body again without rawBody', () => {
    const body = parsedBodyOf({ body: { a: [1, 'x'] } }, 'application/merge-patch+json', 'code');
    expect(body?.toString()).toBe('{"a":[1,"x"]}');
  });

  it('gives a text body back as it was, and an empty parsed body as no bytes', () => {
    expect(parsedBodyOf({ body: 'héllo' }, 'text/plain', 'code')?.toString()).toBe('héllo');
    expect(parsedBodyOf({ body: null }, 'application/json', 'code')?.length).toBe(0);
  });

  it('refuses a form body it cannot give back exactly, naming the plugin and the fix', () => {
    const parsed = { body: { a: '1' } };
    expect(() => parsedBodyOf(parsed, 'application/x-www-form-urlencoded', 'code')).toThrow(PluginHttpException);
    expect(() => parsedBodyOf(parsed, 'application/x-www-form-urlencoded', 'code')).toThrow(/plugin "code".*bodyParser: false.*rawBody: true/);
  });
});
