import { HttpException } from '@nestjs/common';
import { JsonErrorBody } from './json-error.reply';

/**
 * A plugin route's failure before its response head (404 unknown plugin or route, 413, 502, 503,
 * 504), thrown into Nest's exception layer so the app's exception filters see it like any other
 * route's error. Nest's default filter writes `body` as the design card's JSON error; `headers`
 * (Retry-After on 503, Connection: close on 413) are set on the response before it is thrown, so
 * they survive whichever filter writes the body.
 */
export class PluginHttpException extends HttpException {
  constructor(
    status: number,
    readonly body: JsonErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body, status);
  }

  /** `error.plugin`, for filters that shape plugin errors differently from the app's own. */
  get plugin(): string {
    return this.body.plugin;
  }
}
