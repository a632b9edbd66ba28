import 'reflect-metadata';
import { PluginFactory } from '@qntx/plugin-grpc';
import { CodePluginModule } from '../../apps/code-plugin/src/code-plugin.module';
import { LOOPBACK, runContender } from './contender.process';

/** The code plugin as its own process, as the host launches it (code-search scenario). */
runContender('code plugin', async () => {
  const running = await PluginFactory.create(CodePluginModule, { host: LOOPBACK, port: 0, logger: false });
  return { info: { address: running.address }, close: () => running.close() };
});
