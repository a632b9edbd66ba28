import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { parsedBodyOf } from './parsed-body';
import { PluginHttpException } from './plugin-http.exception';

function request(headers: Record<string, string>, parsed: { _body?: boolean; body?: unknown; rawBody?: Buffer } = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return Object.assign(req, parsed);
}

describe('parsedBodyOf (an app whose body parser read the body before the plugin route)', () => {
  it('leaves an unread body to be streamed', () => {
    expect(parsedBodyOf(request({ 'content-type': 'application/json' }), 'code')).toBeUndefined();
  });

  it("gives the plugin the client's exact bytes when the app keeps rawBody", () => {
    const raw = Buffer.from('{ "a" : 1 }');
    expect(parsedBodyOf(request({ 'content-type': 'application/json' }, { _body: true, body: { a: 1 }, rawBody: raw }), 'code')).toBe(raw);
  });

  it('serializes a parsed JSON body again without rawBody', () => {
    const body = parsedBodyOf(request({ 'content-type': 'application/merge-patch+json' }, { _body: true, body: { a: [1, 'x'] } }), 'code');
    expect(body?.toString()).toBe('{"a":[1,"x"]}');
  });

  it('refuses a form body it cannot give back exactly, naming the plugin and the fix', () => {
    const req = request({ 'content-type': 'application/x-www-form-urlencoded' }, { _body: true, body: { a: '1' } });
    expect(() => parsedBodyOf(req, 'code')).toThrow(PluginHttpException);
    expect(() => parsedBodyOf(req, 'code')).toThrow(/plugin "code".*bodyParser: false.*rawBody: true/);
  });
});
