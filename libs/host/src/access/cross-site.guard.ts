import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PLUGIN_PIPELINE } from '../pipeline/plugin-pipeline.constants';
import { PluginPipelineOptions } from '../pipeline/plugin-pipeline.options';
import { crossSiteRefusal } from './cross-site.policy';

/**
 * CSRF protection for plugin HTTP routes (see cross-site.policy.ts), on by default. A plugin
 * meant to be used from other sites opts out (`routes.plugins.<name>.crossSite: true`); an app
 * replaces the guard altogether with `routes.crossSiteGuard: false`.
 */
@Injectable()
export class CrossSiteGuard implements CanActivate {
  constructor(@Inject(PLUGIN_PIPELINE) private readonly pipeline: PluginPipelineOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage & { params?: Record<string, string> }>();
    const plugin = req.params?.plugin ?? '';
    if (this.pipeline.plugins?.[plugin]?.crossSite === true) return true;
    const refusal = crossSiteRefusal(req);
    if (refusal === null) return true;
    throw new ForbiddenException({ error: 'Forbidden', plugin, message: refusal });
  }
}
