import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainPlugin } from '@qntx/domains';
import { PluginSdkModule } from '../plugin-sdk.module';
import { PluginExplorer } from '../plugin.explorer';
import { DecoratedDomainPlugin } from './decorated-domain-plugin';

/**
 * Loads a plugin's Nest module in-process, in its own application context (its own DI
 * container, apart from the host's), and returns it as a built-in `DomainPlugin`. The plugin's
 * code is the same as when it runs as its own process.
 */
export async function createBuiltinPlugin(
  pluginModule: Type<unknown> | DynamicModule,
  options: { logger?: false | undefined } = {},
): Promise<DomainPlugin> {
  const app = await NestFactory.createApplicationContext(PluginSdkModule.wrap(pluginModule), {
    logger: options.logger,
    abortOnError: false,
  });
  const definition = app.get(PluginExplorer).explore();
  return new DecoratedDomainPlugin(definition, () => app.close());
}
