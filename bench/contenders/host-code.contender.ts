import 'reflect-metadata';
import { startBenchHost } from './bench-host';
import { requiredArg, runContender } from './contender.process';

/** The host with the code plugin at an address, its workspace the generated tree (code-search scenario). */
runContender('host with the code plugin', async () =>
  startBenchHost({
    plugins: [{ name: 'code', enabled: true, address: requiredArg('plugin-address'), requestTimeoutMs: 120_000 }],
    pluginSettings: { code: { workspace_root: requiredArg('workspace') } },
  }),
);
