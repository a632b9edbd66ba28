import 'reflect-metadata';
import { BENCH_PLUGIN_NAME } from '../bench.payload';
import { startBenchHost } from './bench-host';
import { hasFlag, requiredArg, runContender } from './contender.process';
import { startBenchTracing } from './bench-tracing';

/**
 * Contender 3: the host, configured with the address of the bench plugin running as its own
 * process (`--guarded`: guarded-external; `--fastify`: on Fastify; `--traced`: tracing on).
 */
runContender('host with the external bench plugin', async () => {
  const address = requiredArg('plugin-address');
  const stopTracing = hasFlag('traced') ? startBenchTracing() : null;
  const host = await startBenchHost(
    { plugins: [{ name: BENCH_PLUGIN_NAME, enabled: true, address, requestTimeoutMs: 30_000 }] },
    { guarded: hasFlag('guarded'), fastify: hasFlag('fastify') },
  );
  return {
    info: host.info,
    close: async () => {
      await host.close();
      // On stderr, so a run's log shows the spans were made (and so that tracing was on).
      if (stopTracing) process.stderr.write(`traced: ${await stopTracing()} spans exported\n`);
    },
  };
});
