import { PluginHttpException } from './plugin-http.exception';
import { ParsedBody } from './raw-exchange';

/**
 * The body of a request whose stream the app's body parser has already read, or undefined when
 * the stream is still there to read. A plugin gets the client's bytes: `rawBody` when the app was
 * created with `rawBody: true`; otherwise a text body as it was, a JSON body serialized again
 * (same meaning, possibly other spacing). A form body without `rawBody` cannot be given back
 * exactly: that is an error that says how to fix the app.
 */
export function parsedBodyOf(parsed: ParsedBody | undefined, contentType: string | undefined, plugin: string): Buffer | undefined {
  if (parsed === undefined) return undefined;
  if (Buffer.isBuffer(parsed.rawBody)) return parsed.rawBody;
  const { body } = parsed;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null) return Buffer.alloc(0);
  if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? '')) return Buffer.from(JSON.stringify(body));
  const message =
    `The app's body parser read this request's body before plugin "${plugin}" could; ` +
    'create the Nest app with { bodyParser: false } (plugin routes stream their bodies) or { rawBody: true }.';
  throw new PluginHttpException(500, { error: 'Internal Server Error', plugin, message });
}
