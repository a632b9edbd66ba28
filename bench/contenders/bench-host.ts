import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostApp } from '../../apps/host/src/host.bootstrap';
import { HostOptions } from '../../apps/host/src/host-options.interface';
import { LOOPBACK, StartedServer } from './contender.process';

/** The real host app, as `main.ts` creates it, on an ephemeral loopback port with its own $QNTX_HOME. */
export async function startBenchHost(options: Omit<HostOptions, 'home'>): Promise<StartedServer> {
  const home = mkdtempSync(join(tmpdir(), 'qntx-bench-home-'));
  const app = await createHostApp({ home, ...options });
  app.useLogger(false);
  await app.listen(0, LOOPBACK);
  return {
    info: { url: await app.getUrl() },
    close: async () => {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
