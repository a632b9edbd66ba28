import { Type, UseFilters, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { PerPluginGuard } from './per-plugin.guard';
import { GuardLike, PluginPipelineOptions } from './plugin-pipeline.options';
import { PluginAccessGuard } from '../access/plugin-access.guard';
import { CrossSiteGuard } from '../access/cross-site.guard';

/** The Nest decorators that put `pipeline` on a plugin controller or the socket gateway. */
export function pipelineDecorators(pipeline: PluginPipelineOptions, kind: 'http' | 'socket'): ClassDecorator[] {
  const guards: GuardLike[] = pipeline.accessGuard === false ? [] : [PluginAccessGuard];
  if (kind === 'http' && pipeline.crossSiteGuard !== false) guards.push(CrossSiteGuard);
  guards.push(...(pipeline.guards ?? []));
  const perPlugin = Object.values(pipeline.plugins ?? {}).some((entry) => entry.guards?.length);
  if (perPlugin) guards.push(PerPluginGuard);
  const decorators: ClassDecorator[] = [];
  if (guards.length) decorators.push(UseGuards(...guards));
  if (kind === 'http' && pipeline.interceptors?.length) decorators.push(UseInterceptors(...pipeline.interceptors));
  if (kind === 'http' && pipeline.filters?.length) decorators.push(UseFilters(...pipeline.filters));
  return decorators;
}

/**
 * `base` (the plugin controller or the socket gateway) with `pipeline` applied: a subclass made
 * when the module is built, since Nest reads a class's enhancers once, at init. `role` is the
 * subclass's own `@Controller()` / `@Injectable()`; routes and constructor types are inherited.
 */
export function withPipeline<T extends object>(
  base: Type<T>,
  pipeline: PluginPipelineOptions,
  kind: 'http' | 'socket',
  role: ClassDecorator,
): Type<T> {
  const decorators = pipelineDecorators(pipeline, kind);
  if (decorators.length === 0) return base;
  const piped = class extends (base as Type<object>) {} as Type<T>;
  Object.defineProperty(piped, 'name', { value: `Pipelined${base.name}` });
  applyDecorators(...decorators, role)(piped);
  return piped;
}
