import { rmSync } from 'node:fs';
import {
  QntxPath,
  TomlPluginEntry,
  makeHome,
  runQntxTraced,
  writePluginsToml,
  writeRunningHost,
} from '../support/cli.fixture';
import { ReferencePlugin, startReferencePlugin } from '../support/reference-plugin.fixture';

/** The plugin configured (the full CLI runs its commands), or listed by a running host (the fast path). */
const SETUPS: { where: string; path: QntxPath; write(home: string, entries: TomlPluginEntry[]): void }[] = [
  { where: 'configured in am.plugins.toml', path: 'full', write: writePluginsToml },
  { where: 'listed by the running host', path: 'fast', write: writeRunningHost },
];

/** A plugin that speaks only the reference protocol: no streaming RPC, a one-level tree. */
describe.each(SETUPS)('qntx with a reference-protocol plugin (no extensions) $where', ({ path, write }) => {
  let plugin: ReferencePlugin;
  let home: string;
  const runQntx = async (args: string[], options: { home: string }) => {
    const result = await runQntxTraced(args, options);
    expect(result.path).toBe(path);
    return result;
  };

  beforeAll(async () => {
    plugin = await startReferencePlugin();
    home = makeHome();
    write(home, [{ name: 'legacy', address: plugin.address }]);
  });

  afterAll(async () => {
    await plugin.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('runs the command through ExecuteCommand, in the reference form: the top-level command, the rest as args', async () => {
    const result = await runQntx(['legacy', 'greet', 'World', '--shout'], { home });
    expect(result.err).toBe('');
    expect(result.out).toBe('Hello, World!\n');
    expect(result.code).toBe(0);
    expect(plugin.calls.filter((name) => name === 'ExecuteCommand')).toHaveLength(1);
    expect(plugin.commands.at(-1)).toEqual({ command: 'legacy', args: ['greet', 'World', '--shout'], flags: {} });
  });

  it("passes the plugin's exit code and stderr through on the fallback path", async () => {
    const result = await runQntx(['legacy', 'fail'], { home });
    expect(result.code).toBe(3);
    expect(result.out).toBe('');
    expect(result.err).toBe('cannot legacy fail\n');
  });

  it('offers the first level of its tree in help, with the inherited flags', async () => {
    const result = await runQntx(['legacy', 'greet', '--help'], { home });
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage:\n  qntx legacy greet <who> [flags]');
    expect(result.out).toMatch(/Inherited flags:\n\s+-s, --shout\s+Greet loudly/);
  });
});

describe.each(SETUPS)(
  'qntx with a reference plugin that has stubs of the extension RPCs (answering UNIMPLEMENTED), $where',
  ({ path, write }) => {
    it('calls only ExecuteCommand: the plugin declared no command-stream, so nothing is tried first', async () => {
      const plugin = await startReferencePlugin({ extensionStubs: true });
      const home = makeHome();
      write(home, [{ name: 'legacy', address: plugin.address }]);
      try {
        const result = await runQntxTraced(['legacy', 'greet', 'you'], { home });
        expect(result.out).toBe('Hello, you.\n');
        expect(result.code).toBe(0);
        expect(result.path).toBe(path);
        const commandCalls = plugin.calls.filter((name) => name.startsWith('ExecuteCommand'));
        expect(commandCalls).toEqual(['ExecuteCommand']);
      } finally {
        await plugin.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  },
);
