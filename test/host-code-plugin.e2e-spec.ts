import request from 'supertest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainPlugin } from '@qntx/domains';
import { createBuiltinPlugin, RunningPlugin } from '@qntx/plugin-grpc';
import { CodePluginModule } from '../apps/code-plugin/src/code-plugin.module';
import { startCodePlugin } from './support/code-plugin.fixture';
import { startTestHost, TestHost } from './support/host.fixture';

function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'qntx-ws-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), '{"name":"demo"}\n');
  writeFileSync(join(root, 'src', 'index.ts'), 'export const x = 1;\n');
  mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'dep', 'index.js'), '');
  writeFileSync(join(tmpdir(), 'qntx-outside-secret.txt'), 'secret');
  symlinkSync(join(tmpdir(), 'qntx-outside-secret.txt'), join(root, 'escape.txt'));
  return root;
}

/** The same assertions, whether the code plugin is external (real gRPC) or built-in. */
describe.each(['external', 'built-in'] as const)('host with the code plugin (%s)', (kind) => {
  let workspace: string;
  let plugin: RunningPlugin | null = null;
  let host: TestHost;

  beforeAll(async () => {
    workspace = makeWorkspace();
    const settings = { code: { workspace_root: workspace } };
    if (kind === 'external') {
      plugin = await startCodePlugin();
      host = await startTestHost({
        plugins: [{ name: 'code', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
        pluginSettings: settings,
      });
    } else {
      const builtin: DomainPlugin = await createBuiltinPlugin(CodePluginModule, { logger: false });
      host = await startTestHost({ builtins: [builtin], pluginSettings: settings });
    }
  });

  afterAll(async () => {
    await host.close();
    await plugin?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('lists the workspace source files at GET /api/code, skipping node_modules', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/code').expect(200);
    const paths = res.body.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'src/index.ts']));
    expect(paths.some((p: string) => p.startsWith('node_modules'))).toBe(false);
    expect(res.body.root).toBe(workspace);
  });

  it('returns one file at GET /api/code/files/<path>', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/code/files/src/index.ts').expect(200);
    expect(res.text).toBe('export const x = 1;\n');
  });

  it.each([
    ['dot segments', '/api/code/files/../../etc/passwd'],
    ['encoded dot segments', '/api/code/files/..%2F..%2Fetc%2Fpasswd'],
    ['a symlink that points outside', '/api/code/files/escape.txt'],
  ])('refuses a path that escapes the workspace by %s with 403', async (_what, path) => {
    const res = await request(host.app.getHttpServer()).get(path);
    expect(res.status).toBe(403);
  });

  it('answers 404 with the plugin named for a missing file', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/code/files/nope.txt').expect(404);
    expect(res.body.message).toMatch(/nope\.txt/);
  });

  it('shows the plugin healthy in GET /api/plugins, with its kind', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
    const code = res.body.plugins.find((p: { name: string }) => p.name === 'code');
    expect(code).toMatchObject({ name: 'code', kind, state: 'running', lifecycle: 'initialized' });
    expect(code.health.healthy).toBe(true);
  });

  it('answers 404 JSON for an unknown plugin', async () => {
    const res = await request(host.app.getHttpServer()).get('/api/nosuch/x').expect(404);
    expect(res.body).toMatchObject({ error: 'Not Found', plugin: 'nosuch' });
  });
});

describe('host when the external plugin stops', () => {
  it('answers 503 with Retry-After at once, and stays up', async () => {
    const plugin = await startCodePlugin();
    const host = await startTestHost({
      plugins: [{ name: 'code', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
    });
    try {
      await request(host.app.getHttpServer()).get('/api/code/files/package.json').expect(200);
      await plugin.close();
      const started = Date.now();
      const res = await request(host.app.getHttpServer()).get('/api/code');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body).toMatchObject({ error: 'Service Unavailable', plugin: 'code' });
      expect(Date.now() - started).toBeLessThan(3000);
      await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
    } finally {
      await host.close();
    }
  });
});
