import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginTestHarness, createPluginTestingModule } from '@qntx/plugin-grpc/testing';
import { CodePluginModule } from './code-plugin.module';
import { Workspace } from './workspace';

/** The code plugin tested with the SDK's harness, built-in and over real gRPC alike. */
describe('code plugin', () => {
  let workspace: string;
  let harness: PluginTestHarness;

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'qntx-code-'));
    mkdirSync(join(workspace, 'src'));
    writeFileSync(join(workspace, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(workspace, 'README.md'), '# demo\n');
    harness = await PluginTestHarness.start(CodePluginModule, { config: { workspace_root: workspace } });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  describe.each(['external', 'built-in'])('%s', (kind) => {
    const handle = () => (kind === 'external' ? harness.external : harness.builtin);

    it('lists the tree of the configured workspace', async () => {
      const res = await handle().http('GET', '/api/code');
      expect(res.status).toBe(200);
      expect(res.json<{ files: { path: string }[] }>().files.map((f) => f.path)).toEqual(['README.md', 'src/a.ts']);
    });

    it('serves a file with a content type from its extension', async () => {
      const res = await handle().http('GET', '/api/code/files/README.md');
      expect(res.text()).toBe('# demo\n');
      expect(res.headers['content-type']).toEqual(['text/markdown; charset=utf-8']);
    });

    it('runs `ls` with typed flags and exits 1 with a message when nothing matches', async () => {
      expect(await handle().command('ls', ['src'], { sizes: 'true' })).toEqual({
        exitCode: 0,
        stdout: '20\tsrc/a.ts\n',
        stderr: '',
      });
      expect(await handle().command('ls', ['nope'])).toMatchObject({ exitCode: 1, stderr: 'No files under "nope".\n' });
    });

    it('streams a file created under the watched glob over the watch socket', async () => {
      const socket = await handle().socket('watch');
      socket.send('src/**');
      expect(await socket.nextJson()).toEqual({ type: 'watching', glob: 'src/**' });
      writeFileSync(join(workspace, 'src', `new-${kind}.ts`), 'export {};\n');
      expect(await socket.nextJson()).toEqual({ type: 'created', path: `src/new-${kind}.ts` });
      socket.close();
      rmSync(join(workspace, 'src', `new-${kind}.ts`));
    });

    it('reports health with the workspace in the details', async () => {
      expect(await handle().plugin.health()).toMatchObject({
        healthy: true,
        message: 'workspace readable',
        details: { workspace },
      });
    });
  });

  it('logs through the ServiceRegistry it was given', () => {
    expect(harness.services.messages('code', 'info')).toContain('code plugin ready');
  });
});

describe('code plugin with an overridden provider', () => {
  it('uses the override the Nest way, and reports an unreadable workspace as unhealthy', async () => {
    const builder = createPluginTestingModule(CodePluginModule)
      .overrideProvider(Workspace)
      .useValue(
        Object.assign(new Workspace(), {
          readable: async () => ({ ok: false, detail: 'EACCES: permission denied' }),
          setRoot: () => undefined,
        }),
      );
    const harness = await PluginTestHarness.start(builder);
    try {
      for (const [, handle] of harness.both) {
        expect(await handle.plugin.health()).toMatchObject({ healthy: false, details: { workspace: 'EACCES: permission denied' } });
      }
    } finally {
      await harness.close();
    }
  });
});
