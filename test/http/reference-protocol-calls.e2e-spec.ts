import { CommandResult, DomainRegistry } from '@qntx/domains';
import { findCommand } from '../../libs/plugin-grpc/src/server/domain-service.handlers';
import { ReferencePlugin, startReferencePlugin } from '../support/reference-plugin.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';

/**
 * A plugin that declares no extension in its Metadata is called with the reference RPCs only:
 * the host tries none of the SDK's extension RPCs first (the plugin here has stubs of them that
 * record every call and answer UNIMPLEMENTED, as code generated from a newer proto would).
 */
describe('the host with a reference plugin that declares no extensions', () => {
  let plugin: ReferencePlugin;
  let host: ListeningHost;

  beforeAll(async () => {
    plugin = await startReferencePlugin({ extensionStubs: true });
    host = await startListeningHost({ plugins: [{ name: 'legacy', enabled: true, address: plugin.address, requestTimeoutMs: 10_000 }] });
  });

  afterAll(async () => {
    await host?.close();
    await plugin?.close();
  });

  it('sends HTTP as HandleHTTP, small GETs and bodies alike, and nothing else', async () => {
    const get = await fetch(`${host.url}/api/legacy/things?x=1`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('legacy GET /api/legacy/things?x=1');
    const post = await fetch(`${host.url}/api/legacy/things`, { method: 'POST', body: Buffer.alloc(100_000, 1) });
    expect(post.status).toBe(200);
    expect(plugin.calls.filter((name) => name.startsWith('HandleHTTP'))).toEqual(['HandleHTTP', 'HandleHTTP']);
  });

  it('runs a command with output streamed to the caller as ExecuteCommand, and nothing else', async () => {
    const legacy = host.app.get(DomainRegistry).get('legacy')!;
    const greet = findCommand(await legacy.commands(), ['legacy', 'greet']);
    let stdout = '';
    const result: CommandResult = await greet!.run!({
      command: 'legacy greet',
      args: ['you'],
      flags: {},
      output: { stdout: (text) => (stdout += text), stderr: () => undefined },
    });
    expect(result.exitCode).toBe(0);
    expect(stdout).toBe('Hello, you.\n');
    expect(plugin.calls.filter((name) => name.startsWith('ExecuteCommand'))).toEqual(['ExecuteCommand']);
  });
});
