import 'reflect-metadata';
import { PluginFactory } from '@qntx/plugin-grpc';
import { BenchPluginModule } from './bench-plugin.module';
import { hasFlag, LOOPBACK, runContender } from './contender.process';
import { startBenchTracing } from './bench-tracing';

/** The bench plugin as its own gRPC process (the plugin half of contender 3; `--traced`: tracing on). */
runContender('bench plugin process', async () => {
  const stopTracing = hasFlag('traced') ? startBenchTracing() : null;
  const running = await PluginFactory.create(BenchPluginModule, { host: LOOPBACK, port: 0, logger: false });
  return {
    info: { address: running.address },
    close: async () => {
      await running.close();
      // On stderr, so a run's log shows the spans were made (and so that tracing was on).
      if (stopTracing) process.stderr.write(`traced: ${await stopTracing()} spans exported\n`);
    },
  };
});
