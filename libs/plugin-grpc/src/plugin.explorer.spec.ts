import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PluginSdkModule } from './plugin-sdk.module';
import { PluginExplorer } from './plugin.explorer';
import { Plugin } from './decorators/plugin.decorator';
import { MissingPluginError, MultiplePluginsError } from './errors/plugin-discovery.errors';
import { SamplePluginModule } from './testing-fixtures/sample.plugin';

async function explore(module: Function) {
  const app = await NestFactory.createApplicationContext(PluginSdkModule.wrap(module as never), { logger: false });
  try {
    return app.get(PluginExplorer).explore();
  } finally {
    await app.close();
  }
}

describe('PluginExplorer', () => {
  it('finds the @Plugin provider and every decorated method', async () => {
    const definition = await explore(SamplePluginModule);
    expect(definition.options).toMatchObject({ name: 'sample', version: '1.2.3' });
    expect(definition.routes.map((r) => `${r.options.method} ${r.options.path}`).sort()).toEqual([
      'GET crash',
      'GET greet/:who',
      'GET missing',
      'POST echo',
    ]);
    expect(definition.commands.map((c) => c.options.command).sort()).toEqual(['db migrate <target>', 'version']);
    expect(definition.sockets.map((s) => s.path)).toEqual(['events']);
    expect(definition.hooks.init).toHaveLength(1);
    expect(definition.hooks.shutdown).toHaveLength(1);
    expect(definition.hooks.health).not.toBeNull();
  });

  it('binds handlers to the injected instance', async () => {
    const definition = await explore(SamplePluginModule);
    const greet = definition.routes.find((r) => r.options.path === 'greet/:who')!;
    expect(await greet.handler({ params: { who: 'ada' } })).toEqual({ greeting: 'hello ada' });
  });

  it('explains what to do when no provider is decorated', async () => {
    @Module({})
    class Empty {}
    await expect(explore(Empty)).rejects.toThrow(MissingPluginError);
    await expect(explore(Empty)).rejects.toThrow(/Decorate one provider class with @Plugin/);
  });

  it('refuses two @Plugin providers in one application, naming both', async () => {
    @Plugin({ name: 'one', version: '1.0.0' })
    class One {}
    @Injectable()
    @Plugin({ name: 'two', version: '1.0.0' })
    class Two {}
    @Module({ providers: [One, Two] })
    class Both {}
    await expect(explore(Both)).rejects.toThrow(MultiplePluginsError);
    await expect(explore(Both)).rejects.toThrow(/one, two/);
  });
});
