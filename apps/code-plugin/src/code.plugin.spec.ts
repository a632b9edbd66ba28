import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainPlugin, PluginRouter, StaticServiceRegistry } from '@qntx/domains';
import { DecoratedDomainPlugin, ExternalDomainProxy, PluginExplorer, PluginFactory, PluginSdkModule } from '@qntx/plugin-grpc';
import { CodePluginModule } from './code-plugin.module';

/**
 * How a plugin author tests a plugin (docs/plugin-authors-guide.md quotes this file): in-process
 * through the Nest testing module, then over real gRPC as the host will see it.
 */
describe('the code plugin, as its author tests it', () => {
  let workspace: string;

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'qntx-code-spec-'));
    writeFileSync(join(workspace, 'a.txt'), 'alpha\n');
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  /** Calls a route the way the host does: match the path, then run the handler. */
  async function get(plugin: DomainPlugin, path: string) {
    const router = new PluginRouter('code');
    await plugin.registerHttp(router);
    const match = router.match('GET', path)!;
    return match.handler({ method: 'GET', path, relativePath: '', query: '', headers: {}, body: Buffer.alloc(0), params: match.params });
  }

  it('serves its routes and commands in-process, built with the Nest testing module', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [PluginSdkModule.wrap(CodePluginModule)] })
      .setLogger(false as never)
      .compile();
    const plugin = new DecoratedDomainPlugin(moduleRef.get(PluginExplorer).explore());
    await plugin.initialize(new StaticServiceRegistry({ code: { workspace_root: workspace } }));

    const response = await get(plugin, '/api/code/files/a.txt');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('alpha\n');

    const [top] = await plugin.commands();
    const ls = top.subcommands.find((command) => command.name.startsWith('ls'))!;
    expect(await ls.run!({ command: 'code ls', args: [], flags: { sizes: 'true' } })).toEqual({
      exitCode: 0,
      stdout: '6\ta.txt\n',
      stderr: '',
    });
    await moduleRef.close();
  });

  it('answers the same over real gRPC on an ephemeral port', async () => {
    const running = await PluginFactory.create(CodePluginModule, { port: 0, logger: false });
    const proxy = await ExternalDomainProxy.connect(running.address, { expectedName: 'code' });
    try {
      await proxy.initialize(new StaticServiceRegistry({ code: { workspace_root: workspace } }));
      const response = await get(proxy, '/api/code/files/a.txt');
      expect(response.body.toString()).toBe('alpha\n');
      expect((await proxy.health()).healthy).toBe(true);
    } finally {
      await proxy.shutdown();
      await running.close();
    }
  });
});
