import { DynamicModule, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PluginExplorer } from './plugin.explorer';
import { PluginMetadataAccessor } from './plugin-metadata.accessor';

/** Adds the SDK's discovery to a plugin's module; `PluginFactory` and the harnesses wrap with it. */
@Module({
  imports: [DiscoveryModule],
  providers: [PluginExplorer, PluginMetadataAccessor],
  exports: [PluginExplorer],
})
export class PluginSdkModule {
  /** A root module holding the plugin's module and the SDK's explorer. */
  static wrap(pluginModule: Type<unknown> | DynamicModule): DynamicModule {
    return { module: PluginRootModule, imports: [pluginModule, PluginSdkModule] };
  }
}

@Module({})
class PluginRootModule {}
