import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QntxHostModule } from '../../libs/host/src/qntx-host.module';
import { QntxHostOptions } from '../../libs/host/src/qntx-host.options';

export interface TestHost {
  app: INestApplication;
  home: string;
  close(): Promise<void>;
}

/** A host built with the Nest testing module, with its own temporary $QNTX_HOME. */
export async function startTestHost(options: QntxHostOptions = {}): Promise<TestHost> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'qntx-home-'));
  const moduleRef = await Test.createTestingModule({
    imports: [QntxHostModule.forRoot({ plugins: [], ...options, home })],
  })
    .setLogger(false as never)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  await app.init();
  return {
    app,
    home,
    close: async () => {
      await app.close();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}
