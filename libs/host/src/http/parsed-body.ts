import type { IncomingMessage } from 'node:http';
import { PluginHttpException } from './plugin-http.exception';

/** What Express's body parser (on in a Nest app unless `bodyParser: false`) leaves on a request. */
interface ParsedRequest extends IncomingMessage {
  _body?: boolean;
  body?: unknown;
  rawBody?: Buffer;
}

/**
 * The body of a request whose stream the app's body parser has already read, or undefined when
 * the stream is still there to read. A plugin gets the client's bytes: `rawBody` when the app was
 * created with `rawBody: true`; otherwise a JSON body is serialized again (same meaning, possibly
 * other spacing). A form or text body without `rawBody` cannot be given back exactly: that is an
 * error that says how to fix the app.
 */
export function parsedBodyOf(req: IncomingMessage, plugin: string): Buffer | undefined {
  const parsed = req as ParsedRequest;
  if (parsed._body !== true) return undefined;
  if (Buffer.isBuffer(parsed.rawBody)) return parsed.rawBody;
  if (Buffer.isBuffer(parsed.body)) return parsed.body;
  if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
    return Buffer.from(JSON.stringify(parsed.body));
  }
  const message =
    `The app's body parser read this request's body before plugin "${plugin}" could; ` +
    'create the Nest app with { bodyParser: false } (plugin routes stream their bodies) or { rawBody: true }.';
  throw new PluginHttpException(500, { error: 'Internal Server Error', plugin, message });
}
