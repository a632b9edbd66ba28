import 'reflect-metadata';
import { PluginFactory } from '@qntx/plugin-grpc';
import { BenchPluginModule } from './bench-plugin.module';
import { LOOPBACK, runContender } from './contender.process';

/** The bench plugin as its own gRPC process (the plugin half of contender 3). */
runContender('bench plugin process', async () => {
  const running = await PluginFactory.create(BenchPluginModule, { host: LOOPBACK, port: 0, logger: false });
  return { info: { address: running.address }, close: () => running.close() };
});
