import { UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
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
