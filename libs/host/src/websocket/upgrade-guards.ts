import { HttpException } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { IncomingMessage, ServerResponse } from 'node:http';
import { messageOf } from '@qntx/domains';

/** Why an upgrade was refused, as the refusal's HTTP status and JSON error. */
export interface UpgradeVerdict {
  status: number;
  error: string;
  message: string;
}

/**
 * Runs the app's guards over a WebSocket upgrade request, before it is accepted: global guards
 * (APP_GUARD, `useGlobalGuards`) and the ones on the gateway class, exactly as Nest runs them for
 * a route. Nest itself runs a gateway's guards only around `@SubscribeMessage` handlers, never at
 * the upgrade (nestjs/nest#882), which would let any client open a plugin socket.
 *
 * Guards see an HTTP context: `switchToHttp().getRequest()` is the upgrade request (with
 * `params.plugin` and `params.path` set, as on plugin routes), `getResponse()` a response that is
 * never sent; `getClass()` is the gateway.
 */
export class UpgradeGuards {
  private check: ((req: IncomingMessage, res: ServerResponse) => Promise<unknown>) | null = null;

  constructor(
    private readonly contextCreator: ExternalContextCreator,
    private readonly gateway: object,
    private readonly admit: (...args: unknown[]) => boolean,
  ) {}

  /** Null when the guards let the upgrade through, else the refusal. */
  async verdict(req: IncomingMessage): Promise<UpgradeVerdict | null> {
    // Built at the first upgrade, after main.ts's `useGlobalGuards`, like Nest's own routes at init.
    this.check ??= this.contextCreator.create(this.gateway, this.admit, this.admit.name, undefined, undefined, undefined, undefined, {
      guards: true,
      interceptors: false,
      filters: false,
    });
    try {
      await this.check(req, new ServerResponse(req));
      return null;
    } catch (error) {
      if (error instanceof HttpException) return { status: error.getStatus(), error: errorName(error), message: error.message };
      // A WsException (or any other error) from a guard refuses the socket too.
      return { status: 403, error: 'Forbidden', message: messageOf(error) };
    }
  }
}

function errorName(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && typeof (response as { error?: unknown }).error === 'string') {
    return (response as { error: string }).error;
  }
  return error.name.replace(/Exception$/, '') || 'Error';
}
