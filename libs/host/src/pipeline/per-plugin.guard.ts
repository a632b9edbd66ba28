import { CanActivate, ExecutionContext, Inject, Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { lastValueFrom, isObservable } from 'rxjs';
import { PLUGIN_PIPELINE } from './plugin-pipeline.constants';
import { GuardLike, PluginPipelineOptions } from './plugin-pipeline.options';

/**
 * Runs the guards configured for one plugin (`PluginPipelineOptions.plugins[name].guards`) on
 * that plugin's requests and upgrades. One controller serves every plugin (plugins can come and
 * go while the app runs), so per-plugin guards are picked per request, by the `plugin` route
 * parameter.
 */
@Injectable()
export class PerPluginGuard implements CanActivate {
  private readonly resolved = new Map<string, Promise<CanActivate[]>>();

  constructor(
    @Inject(PLUGIN_PIPELINE) private readonly pipeline: PluginPipelineOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const plugin = context.switchToHttp().getRequest<{ params?: Record<string, string> }>().params?.plugin;
    if (plugin === undefined) return true;
    for (const guard of await this.guardsOf(plugin)) {
      const verdict = guard.canActivate(context);
      if (!(isObservable(verdict) ? await lastValueFrom(verdict) : await verdict)) return false;
    }
    return true;
  }

  private guardsOf(plugin: string): Promise<CanActivate[]> {
    const configured = this.pipeline.plugins?.[plugin]?.guards;
    if (!configured?.length) return Promise.resolve([]);
    let guards = this.resolved.get(plugin);
    if (!guards) {
      guards = Promise.all(configured.map((guard) => this.instanceOf(guard)));
      this.resolved.set(plugin, guards);
    }
    return guards;
  }

  private async instanceOf(guard: GuardLike): Promise<CanActivate> {
    if (typeof guard !== 'function') return guard;
    try {
      return this.moduleRef.get(guard, { strict: false }); // a guard the app provides
    } catch {
      return this.moduleRef.create(guard as Type<CanActivate>);
    }
  }
}
