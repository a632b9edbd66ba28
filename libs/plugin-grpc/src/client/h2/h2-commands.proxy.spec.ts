import type { CommandDefinition, CommandResult } from '@qntx/domains';
import { PluginFactory, RunningPlugin } from '../../server/plugin-factory';
import { SamplePluginModule } from '../../testing-fixtures/sample.plugin';
import { PluginNameMismatchError } from '../../errors/plugin-name-mismatch.error';
import { ExternalDomainProxy } from '../external-domain-proxy';
import { H2CommandsProxy } from './h2-commands.proxy';

const OPTIONS = { expectedName: 'sample', token: 'tok', requestTimeoutMs: 5000, controlTimeoutMs: 2000 };

/** The tree without its `run` functions, to compare two proxies' trees. */
function shape(tree: CommandDefinition[]): unknown {
  return tree.map(({ run, subcommands, ...rest }) => ({
    ...rest,
    runnable: run !== undefined,
    subcommands: shape(subcommands),
  }));
}

function find(tree: CommandDefinition[], path: string[]): CommandDefinition {
  const [word, ...rest] = path;
  const node = tree.find((candidate) => candidate.name.split(' ')[0] === word)!;
  return rest.length === 0 ? node : find(node.subcommands, rest);
}

async function runWithSink(node: CommandDefinition, args: string[], flags: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const result: CommandResult = await node.run!({
    command: '',
    args,
    flags,
    output: { stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
  });
  return { result, stdout: out.join(''), stderr: err.join('') };
}

/** The CLI's fast path reaches plugins with H2CommandsProxy; the full CLI with ExternalDomainProxy. */
describe('H2CommandsProxy against the SDK plugin server, beside ExternalDomainProxy', () => {
  let plugin: RunningPlugin;
  let lean: H2CommandsProxy;
  let full: ExternalDomainProxy;

  beforeAll(async () => {
    plugin = await PluginFactory.create(SamplePluginModule, { port: 0, token: 'tok', logger: false });
    lean = await H2CommandsProxy.connect(plugin.address, OPTIONS);
    full = await ExternalDomainProxy.connect(plugin.address, OPTIONS);
  });

  afterAll(async () => {
    lean.close();
    full.client.close();
    await plugin.close();
  });

  it('reads the same metadata and command tree', async () => {
    expect(lean.metadata()).toEqual(full.metadata());
    expect(shape(await lean.commands())).toEqual(shape(await full.commands()));
    // The tree asked for with the metadata serves the first call; later calls ask again.
    expect(shape(await lean.commands())).toEqual(shape(await full.commands()));
  });

  it('runs a command with the same streamed output and exit code', async () => {
    const args = ['fail', 'ü'];
    const flags = { steps: '2', 'dry-run': 'true', tag: 'a\nb' };
    const viaLean = await runWithSink(find(await lean.commands(), ['sample', 'db', 'migrate']), args, flags);
    const viaFull = await runWithSink(find(await full.commands(), ['sample', 'db', 'migrate']), args, flags);
    expect(viaLean).toEqual(viaFull);
    expect(viaLean.result.exitCode).toBe(3);
    expect(viaLean.stdout).toBe('migrate fail,ü steps=2 dry=true tags=["a","b"]\n');
  });

  it('refuses a plugin that reports another name', async () => {
    await expect(H2CommandsProxy.connect(plugin.address, { ...OPTIONS, expectedName: 'other' })).rejects.toBeInstanceOf(
      PluginNameMismatchError,
    );
  });

  it('fails as ExternalDomainProxy does when the token is refused', async () => {
    const options = { ...OPTIONS, token: 'wrong' };
    const leanError = await H2CommandsProxy.connect(plugin.address, options).catch((error: Error) => error);
    const fullError = await ExternalDomainProxy.connect(plugin.address, options).catch((error: Error) => error);
    expect(leanError).toBeInstanceOf(fullError.constructor);
    expect((leanError as Error).message).toBe((fullError as Error).message);
    expect((leanError as Error).message).toContain('UNAUTHENTICATED');
  });
});
