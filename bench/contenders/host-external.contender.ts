import 'reflect-metadata';
import { BENCH_PLUGIN_NAME } from '../bench.payload';
import { startBenchHost } from './bench-host';
import { hasFlag, requiredArg, runContender } from './contender.process';

/**
 * Contender 3: the host, configured with the address of the bench plugin running as its own
 * process (`--guarded`: guarded-external).
 */
runContender('host with the external bench plugin', async () => {
  const address = requiredArg('plugin-address');
  return startBenchHost(
    { plugins: [{ name: BENCH_PLUGIN_NAME, enabled: true, address, requestTimeoutMs: 30_000 }] },
    { guarded: hasFlag('guarded'), fastify: hasFlag('fastify') },
  );
});
