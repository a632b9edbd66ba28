import request from 'supertest';
import { Logger } from '@nestjs/common';
import { createServer } from 'node:net';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { ensureBuilt, isAlive } from '../support/process.helpers';
import { makeHome } from '../support/supervised-host.fixture';
import { startTestHost, TestHost } from '../support/host.fixture';
import { startCodePlugin } from '../support/code-plugin.fixture';

/** A loopback address where nothing listens: a port that was free a moment ago. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** With no am.plugins.toml, the host brings the code plugin itself (the first run on a fresh machine). */
describe('the host without am.plugins.toml', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost | undefined;

  beforeAll(() => {
    ensureBuilt();
    Logger.overrideLogger(false);
  });
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.close();
    host = undefined;
    env.cleanup();
  });

  it('launches the bundled code plugin when none answers at the default address, and serves /api/code through it', async () => {
    host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: await closedAddress() });
    const server = host.app.getHttpServer();
    const tree = await request(server).get('/api/code').expect(200);
    expect(tree.body.root).toBe(env.workspace);
    const { body } = await request(server).get('/api/plugins').expect(200);
    expect(body.plugins).toHaveLength(1);
    expect(body.plugins[0]).toMatchObject({ name: 'code', kind: 'external', state: 'running', restarts: 0 });
    expect(isAlive(body.plugins[0].pid)).toBe(true);
  });

  it('uses a code plugin that already answers at the default address (nest start code-plugin)', async () => {
    const running: RunningPlugin = await startCodePlugin();
    try {
      host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: running.address });
      const server = host.app.getHttpServer();
      await request(server).get('/api/code').expect(200);
      const { body } = await request(server).get('/api/plugins').expect(200);
      expect(body.plugins[0]).toMatchObject({ name: 'code', kind: 'external', address: running.address, pid: null });
    } finally {
      await host?.close();
      host = undefined;
      await running.close();
    }
  });
});
