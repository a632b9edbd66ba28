import request from 'supertest';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainPlugin } from '@qntx/domains';
import { createBuiltinPlugin, RunningPlugin } from '@qntx/plugin-grpc';
import { CodePluginModule } from '../../apps/code-plugin/src/code-plugin.module';
import { startCodePlugin } from '../support/code-plugin.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { openSocket, TestSocket } from '../support/websocket-client';

jest.setTimeout(30_000);

interface WatchEvent {
  type: string;
  path?: string;
  glob?: string;
  message?: string;
}

function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'qntx-watch-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.ts'), 'export const x = 1;\n');
  mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
  return root;
}

/** The next JSON event on the socket that satisfies `matches`, skipping the others. */
async function nextEvent(socket: TestSocket, matches: (event: WatchEvent) => boolean, from = 0): Promise<{ event: WatchEvent; index: number }> {
  for (let index = from; ; index++) {
    const all = await socket.waitFor(index + 1);
    const event = JSON.parse(all[index] as string) as WatchEvent;
    if (matches(event)) return { event, index };
  }
}

describe.each(['external', 'built-in'] as const)('the code plugin watch socket (%s)', (kind) => {
  let workspace: string;
  let plugin: RunningPlugin | null = null;
  let host: ListeningHost;
  let url: string;

  beforeAll(async () => {
    workspace = makeWorkspace();
    const pluginSettings = { code: { workspace_root: workspace } };
    if (kind === 'external') {
      plugin = await startCodePlugin();
      host = await startListeningHost({
        plugins: [{ name: 'code', enabled: true, address: plugin.address, requestTimeoutMs: 5000 }],
        pluginSettings,
      });
    } else {
      const builtin: DomainPlugin = await createBuiltinPlugin(CodePluginModule, { logger: false });
      host = await startListeningHost({ builtins: [builtin], pluginSettings });
    }
    url = `${host.wsUrl}/ws/code/watch`;
  });

  afterAll(async () => {
    await host.close();
    await plugin?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reports a file written in the workspace within a second, then its change and deletion', async () => {
    const socket = await openSocket(url);
    socket.send('src/**/*.ts');
    await nextEvent(socket, (e) => e.type === 'watching');
    writeFileSync(join(workspace, 'README.md'), 'not matched by the glob\n');
    const file = join(workspace, 'src', `new-${kind}.ts`);
    const written = Date.now();
    writeFileSync(file, 'export const y = 2;\n');
    const created = await nextEvent(socket, (e) => e.type !== 'watching');
    expect(Date.now() - written).toBeLessThan(1000);
    expect(created.event).toEqual({ type: 'created', path: `src/new-${kind}.ts` });

    writeFileSync(file, 'export const y = 3;\n');
    const changed = await nextEvent(socket, (e) => e.type === 'changed', created.index + 1);
    expect(changed.event.path).toBe(`src/new-${kind}.ts`);
    unlinkSync(file);
    const deleted = await nextEvent(socket, (e) => e.type === 'deleted', changed.index + 1);
    expect(deleted.event.path).toBe(`src/new-${kind}.ts`);
    expect(socket.messages.some((m) => (m as string).includes('README.md'))).toBe(false);
    socket.ws.close(1000);
  });

  it('watches folders created after the watch started, and not node_modules', async () => {
    const socket = await openSocket(url);
    socket.send('**');
    await nextEvent(socket, (e) => e.type === 'watching');
    writeFileSync(join(workspace, 'node_modules', 'dep', 'index.js'), 'ignored\n');
    mkdirSync(join(workspace, 'src', `deep-${kind}`, 'er'), { recursive: true });
    writeFileSync(join(workspace, 'src', `deep-${kind}`, 'er', 'file.ts'), '1\n');
    const { event } = await nextEvent(socket, (e) => e.path === `src/deep-${kind}/er/file.ts`);
    expect(event.type).toBe('created');
    expect(socket.messages.some((m) => (m as string).includes('node_modules'))).toBe(false);
    socket.ws.close(1000);
  });

  it.each(['../**', '/etc/*', 'src/../../x'])('refuses the glob %s, which leaves the workspace, with 1008', async (glob) => {
    const socket = await openSocket(url);
    socket.send(glob);
    const closed = await socket.closed;
    expect(closed.code).toBe(1008);
    expect(JSON.parse(socket.messages[0] as string)).toMatchObject({ type: 'error' });
    expect(closed.reason).toMatch(/outside the workspace/);
  });

  it('stops the watch when the client closes the socket', async () => {
    const watches = async (): Promise<string> => {
      const res = await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
      return res.body.plugins.find((p: { name: string }) => p.name === 'code').health.details.watches;
    };
    const socket = await openSocket(url);
    socket.send('**');
    await nextEvent(socket, (e) => e.type === 'watching');
    expect(await watches()).toBe('1');
    socket.ws.close(1000);
    await socket.closed;
    const deadline = Date.now() + 5000;
    while ((await watches()) !== '0' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await watches()).toBe('0');
  });
});
