import { Type, ValidationPipe } from '@nestjs/common';
import { PluginRequest } from '../interfaces/plugin-context.interface';
import { PluginRouteOptions } from '../interfaces/plugin-options.interface';
import { isModel } from '../openapi/route-operations.builder';

/**
 * Checks a request against the classes its route describes, with Nest's own `ValidationPipe`,
 * before the handler runs: a body or query that does not match is refused with the pipe's 400
 * and its messages, exactly what a Nest controller answers. The same code runs in-process for a
 * built-in plugin and in the plugin's process for an external one, so both answer alike.
 */
export class RouteInputValidator {
  private readonly pipe: ValidationPipe;

  private constructor(
    private readonly body: Type<unknown> | null,
    private readonly query: Type<unknown> | null,
    options: PluginRouteOptions,
  ) {
    this.pipe = new ValidationPipe({ ...options.validation, transform: true });
  }

  /** A validator for the route, or null when it names no class (nothing to check, nothing spent). */
  static for(options: PluginRouteOptions): RouteInputValidator | null {
    const body = isModel(options.body) ? options.body : null;
    const query = isModel(options.query) ? options.query : null;
    return body || query ? new RouteInputValidator(body, query, options) : null;
  }

  /** Validates and transforms; afterwards `req.json()` and `req.queryObject()` return the instances. */
  async apply(request: PluginRequest): Promise<void> {
    if (this.query) {
      const query = await this.pipe.transform(request.queryObject(), { type: 'query', metatype: this.query });
      request.queryObject = <T>() => query as T;
    }
    if (this.body) {
      // An empty body is "no body": the pipe then reports every required property, as Nest does.
      const parsed = request.body.length === 0 ? undefined : request.json();
      const body = await this.pipe.transform(parsed, { type: 'body', metatype: this.body });
      request.json = <T>() => body as T;
    }
  }
}
