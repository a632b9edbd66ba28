import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalDomainProxy, HostServicesServer } from '@qntx/plugin-grpc';
import { TestServiceRegistry } from '@qntx/plugin-grpc/testing';
import { PluginProcess } from '../../libs/host/src/supervisor/plugin-process';
import { findCommand } from '../../libs/plugin-grpc/src/server/domain-service.handlers';
import { ensureBuilt, ONE_FILE_CODE_PLUGIN } from '../support/process.helpers';
import { sampleHistory } from '../support/git-repo.fixture';

/**
 * The one-file code plugin, alone in a folder (no proto/ anywhere above it), reaches the host's
 * services with the host_services.proto it carries: ingestion writes through the channel.
 */
describe('the one-file code plugin and host services', () => {
  it('ingests a history through the callback channel and reports the channel in its health', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'qntx-lone-hs-'));
    const history = sampleHistory();
    copyFileSync(ONE_FILE_CODE_PLUGIN, join(dir, 'qntx-code-plugin'));
    const services = new TestServiceRegistry({ code: { workspace_root: history.repo.root } });
    const server = new HostServicesServer(services);
    await server.listen();
    services.offerRemotely((name) => server.endpointFor(name));
    const proc = PluginProcess.spawn(
      { name: 'code', binary: join(dir, 'qntx-code-plugin'), args: ['--port', '0'], env: { QNTX_PROTO_DIR: '', NODE_PATH: '' } },
      'tok',
      () => undefined,
    );
    try {
      const proxy = await ExternalDomainProxy.connect(await proc.handshake(15_000), { token: 'tok', expectedName: 'code' });
      try {
        await proxy.initialize(services);
        const node = findCommand(await proxy.commands(), ['code', 'ix', 'git']);
        const result = await node!.run!({ command: 'code ix git', args: ['.'], flags: {} });
        expect(result.exitCode).toBe(0);
        expect(await services.store.count({ predicate: 'commit', source: 'code' })).toBe(history.repo.commitCount());
        expect((await proxy.health()).details['host-services']).toMatch(/^host-services at 127\.0\.0\.1:\d+/);
      } finally {
        proxy.client.close();
      }
    } finally {
      await proc.terminate(2000);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(history.repo.root, { recursive: true, force: true });
    }
  });
});
