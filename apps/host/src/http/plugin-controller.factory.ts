import { All, Controller, Req, Res, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PluginHttpBridge } from './plugin-http.bridge';

/**
 * A controller for one plugin's namespace, made at bootstrap: `/api/<name>` and
 * `/api/<name>/*`, every method, forwarded through the bridge.
 */
export function createPluginController(name: string): Type<unknown> {
  @Controller(`api/${name}`)
  class PluginProxyController {
    constructor(private readonly bridge: PluginHttpBridge) {}

    @All()
    root(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.bridge.handle(name, req, res);
    }

    @All('{*path}')
    nested(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.bridge.handle(name, req, res);
    }
  }
  const pascal = name.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());
  Object.defineProperty(PluginProxyController, 'name', { value: `${pascal}PluginController` });
  return PluginProxyController;
}
