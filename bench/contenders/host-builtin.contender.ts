import 'reflect-metadata';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { BenchPluginModule } from './bench-plugin.module';
import { startBenchHost } from './bench-host';
import { hasFlag, runContender } from './contender.process';

/** Contender 2: the bench plugin built-in, loaded in the host's process (`--guarded`: guarded-builtin). */
runContender('host with the built-in bench plugin', async () => {
  const plugin = await createBuiltinPlugin(BenchPluginModule, { logger: false });
  return startBenchHost({ plugins: [], builtins: [plugin] }, { guarded: hasFlag('guarded'), fastify: hasFlag('fastify') });
});
