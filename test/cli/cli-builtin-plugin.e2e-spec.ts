import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { runCli } from '../../apps/host/src/cli/cli.runner';
import { CliIo } from '../../apps/host/src/cli/cli-options.interface';
import { FixturePluginModule } from '../fixtures/cli-fixture/fixture-plugin.module';
import { FIXTURE_STDERR_TEXT, FIXTURE_STDOUT_TEXT } from '../fixtures/cli-fixture/fixture.plugin';
import { closedAddress, makeHome, writePluginsToml } from '../support/cli.fixture';

/** Captures what the CLI writes, as bytes. */
function captureIo(): CliIo & { out(): Buffer; err(): Buffer } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  return { stdout, stderr, progress: false, out: () => Buffer.concat(out), err: () => Buffer.concat(err) };
}

/** The CLI's own built-in plugins run in its process: no address, no gRPC. */
describe('qntx with a built-in plugin (runCli, in-process)', () => {
  let home: string;

  beforeEach(async () => {
    home = makeHome();
    // A configured external plugin of the same name is shadowed by the built-in.
    writePluginsToml(home, [{ name: 'fixture', address: await closedAddress() }]);
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('runs its command in-process with the exit code and both streams', async () => {
    const io = captureIo();
    const builtin = await createBuiltinPlugin(FixturePluginModule, { logger: false });
    const code = await runCli(['fixture', 'exit', '7'], { home, io, builtins: [builtin] });
    expect(code).toBe(7);
    expect(io.out().equals(Buffer.from(FIXTURE_STDOUT_TEXT))).toBe(true);
    expect(io.err().equals(Buffer.from(FIXTURE_STDERR_TEXT))).toBe(true);
  });

  it('lists it as built-in, without an address', async () => {
    const io = captureIo();
    const builtin = await createBuiltinPlugin(FixturePluginModule, { logger: false });
    const code = await runCli(['plugins', 'list', '--json'], { home, io, builtins: [builtin] });
    expect(code).toBe(0);
    expect(JSON.parse(io.out().toString()).plugins).toEqual([
      expect.objectContaining({
        name: 'fixture',
        kind: 'built-in',
        source: 'built-in',
        state: 'running',
        address: null,
        healthy: true,
      }),
    ]);
  });

  it('stops a built-in command at the timeout with 124, even one that only ends when cancelled', async () => {
    const io = captureIo();
    const builtin = await createBuiltinPlugin(FixturePluginModule, { logger: false });
    const code = await runCli(['fixture', 'hang'], { home, io, builtins: [builtin], commandTimeoutMs: 200 });
    expect(code).toBe(124);
    expect(io.err().toString()).toContain('within 200 ms');
  });

  it('ends a command with 130 when the run is interrupted', async () => {
    const io = captureIo();
    const builtin = await createBuiltinPlugin(FixturePluginModule, { logger: false });
    const interrupt = new AbortController();
    const running = runCli(['fixture', 'hang'], { home, io, builtins: [builtin], signal: interrupt.signal });
    setImmediate(() => interrupt.abort());
    await expect(running).resolves.toBe(130);
  });
});
