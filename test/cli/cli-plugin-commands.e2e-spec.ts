import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { FixturePluginModule } from '../fixtures/cli-fixture/fixture-plugin.module';
import { FIXTURE_STDERR_TEXT, FIXTURE_STDOUT_TEXT, FixturePlugin } from '../fixtures/cli-fixture/fixture.plugin';
import {
  QntxPath,
  TomlPluginEntry,
  closedAddress,
  collect,
  makeHome,
  runQntx,
  runQntxTraced,
  spawnQntx,
  waitForOutput,
  writePluginsToml,
  writeRunningHost,
} from '../support/cli.fixture';

/** Resolves once `condition` holds (polled); fails the test after 5 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Where the CLI finds the plugin, and which CLI then runs its commands. */
interface PluginSetup {
  where: string;
  write(home: string, entries: TomlPluginEntry[]): void;
  /** Which CLI settles a plugin's command: the fast path with the host running, else the full CLI. */
  path: QntxPath;
  /** What the "unreachable" message points at. */
  unreachableHint: string;
}

const SETUPS: PluginSetup[] = [
  {
    where: 'configured in am.plugins.toml',
    write: (home, entries) => writePluginsToml(home, entries),
    path: 'full',
    unreachableHint: 'am.plugins.toml',
  },
  {
    // The same assertions hold on the fast path (apps/host/src/cli/fast/).
    where: "listed by the running host's run/host.json",
    write: (home, entries) => {
      writePluginsToml(home, entries);
      writeRunningHost(home, entries);
    },
    path: 'fast',
    unreachableHint: 'run/host.json',
  },
];

/** `qntx fixture ...` through the real bin, against the fixture plugin served over gRPC. */
describe.each(SETUPS)('qntx <plugin> <command> through the bin, the plugin $where', (setup) => {
  let plugin: RunningPlugin;
  let fixture: FixturePlugin;
  let home: string;

  beforeAll(async () => {
    plugin = await PluginFactory.create(FixturePluginModule, { port: 0, logger: false });
    fixture = plugin.app.get(FixturePlugin);
    home = makeHome();
    setup.write(home, [{ name: 'fixture', address: plugin.address, request_timeout_ms: 10_000 }]);
  });

  afterAll(async () => {
    await plugin.close();
    rmSync(home, { recursive: true, force: true });
  });

  const qntx = (...args: string[]) => runQntxTraced(args, { home });

  it(`settles a plugin command on the ${setup.path === 'fast' ? 'fast path, loading neither Nest nor grpc-js' : 'full CLI'}`, async () => {
    const result = await qntx('fixture', 'exit', '0');
    expect(result.code).toBe(0);
    expect(result.path).toBe(setup.path);
    if (setup.path === 'fast') {
      expect(
        result.loaded.filter((file) => /node_modules\/(@nestjs|nest-commander|@grpc|protobufjs)\//.test(file)),
      ).toEqual([]);
    }
  });

  it('runs a nested command with its arguments and typed, short, repeated flags', async () => {
    const result = await qntx(
      'fixture',
      'db',
      'migrate',
      'up',
      'prod',
      'n1',
      'n2',
      '-s',
      '3',
      '--dry-run',
      '-t',
      'a',
      '--tag=b',
      '--label',
      'x y',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.path).toBe(setup.path);
    expect(JSON.parse(result.out)).toEqual({
      command: 'fixture db migrate up',
      args: ['prod', 'n1', 'n2'],
      flags: { steps: 3, 'dry-run': true, tag: ['a', 'b'], label: 'x y' },
    });
  });

  it('leaves unset flags to their declared defaults, and accepts flags before the arguments', async () => {
    const result = await qntx('fixture', 'db', 'migrate', 'up', '--steps=7', 'prod');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      command: 'fixture db migrate up',
      args: ['prod'],
      flags: { steps: 7, 'dry-run': false, tag: [], label: 'none' },
    });
  });

  it.each([0, 3, 42, 255])(
    'passes exit code %i through, with stdout and stderr kept apart byte for byte',
    async (code) => {
      const result = await qntx('fixture', 'exit', String(code));
      expect(result.code).toBe(code);
      expect(result.stdout.equals(Buffer.from(FIXTURE_STDOUT_TEXT, 'utf8'))).toBe(true);
      expect(result.stderr.equals(Buffer.from(FIXTURE_STDERR_TEXT, 'utf8'))).toBe(true);
    },
  );

  it('prints output while the command is still running', async () => {
    const gate = join(home, `gate-${Date.now()}`);
    const child = spawnQntx(['fixture', 'stream', gate], { home });
    const done = collect(child);
    await waitForOutput(child, 'first\n');
    // The plugin cannot have finished: it waits for the gate, which does not exist yet.
    expect(child.exitCode).toBeNull();
    writeFileSync(gate, '');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.out).toBe('first\nsecond\n');
    expect(result.err).toBe('');
  });

  describe('help generated from the plugin definitions', () => {
    it('lists the plugin commands and groups for "qntx <plugin> --help"', async () => {
      const result = await qntx('fixture', '--help');
      expect(result.code).toBe(0);
      expect(result.path).toBe(setup.path);
      expect(result.out).toContain(`Plugin fixture 1.2.3 (at ${plugin.address})`);
      expect(result.out).toMatch(/Commands:\n\s+db\s+Database tasks\n\s+exit <code>\s+Write to stdout and stderr/);
      expect(result.err).toBe('');
    });

    it('lists a group with its subcommands', async () => {
      const result = await qntx('fixture', 'db', '-h');
      expect(result.code).toBe(0);
      expect(result.out).toContain('Usage:\n  qntx fixture db <command> [flags]');
      expect(result.out).toMatch(/migrate\s+Schema migrations/);
      expect(result.out).toMatch(/status\s+Show the schema version/);
    });

    it('describes a command: usage with its arguments, each flag with short name, type and default', async () => {
      const result = await qntx('fixture', 'db', 'migrate', 'up', '--help');
      expect(result.code).toBe(0);
      expect(result.out).toContain('Usage:\n  qntx fixture db migrate up <target> [notes...] [flags]');
      expect(result.out).toContain('Apply the migrations up to <target>');
      expect(result.out).toMatch(/-s, --steps int\s+How many steps at most \(default 1\)/);
      expect(result.out).toMatch(/-n, --dry-run\s+Only print the plan\n/);
      expect(result.out).toMatch(/-t, --tag string\s+Tag the migration \(repeatable\)/);
      expect(result.out).toMatch(/ {4}--label string\s+A label for the log \(default "none"\)/);
      expect(fixture.runs).not.toContain('fixture db migrate up --help');
    });

    it('gives the same help through "qntx help <plugin> <command>"', async () => {
      const [viaFlag, viaHelp] = await Promise.all([
        qntx('fixture', 'db', 'migrate', 'up', '--help'),
        qntx('help', 'fixture', 'db', 'migrate', 'up'),
      ]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toBe(viaFlag.out);
    });
  });

  describe('errors a user can act on', () => {
    it('exits 2 for an unknown plugin, suggesting the closest name', async () => {
      const result = await qntx('fixtur', 'db');
      expect(result.code).toBe(2);
      expect(result.err).toContain('Unknown plugin or command "fixtur". Did you mean "fixture"?');
      expect(result.out).toBe('');
    });

    it('exits 2 for an unknown command, suggesting the closest one, and runs nothing', async () => {
      const before = fixture.runs.length;
      const result = await qntx('fixture', 'db', 'migrat', 'up', 'prod');
      expect(result.code).toBe(2);
      expect(result.path).toBe(setup.path);
      expect(result.err).toContain('Unknown command "migrat" for "qntx fixture db". Did you mean "migrate"?');
      expect(fixture.runs.length).toBe(before);
    });

    it.each([
      ['an int flag given a word', ['--steps', 'abc'], 'Flag --steps expects an integer, got "abc"'],
      ['a short int flag given a word', ['-sabc'], 'Flag --steps expects an integer, got "abc"'],
      ['a bool flag given a word', ['--dry-run=maybe'], 'Flag --dry-run expects true or false, got "maybe"'],
      ['a flag without its value', ['--label'], 'Flag --label needs a value'],
      [
        'an unknown flag',
        ['--stpes', '2'],
        'Unknown flag "--stpes" for "qntx fixture db migrate up". Did you mean --steps?',
      ],
      [
        'a flag given twice that is not repeatable',
        ['-s', '1', '--steps', '2'],
        'Flag --steps is given more than once',
      ],
    ])('exits 2 before sending anything for %s', async (_what, flags, message) => {
      const before = fixture.runs.length;
      const result = await qntx('fixture', 'db', 'migrate', 'up', 'prod', ...flags);
      expect(result.code).toBe(2);
      expect(result.path).toBe(setup.path);
      expect(result.err).toContain(message);
      expect(result.err).toContain('Run "qntx fixture db migrate up --help"');
      expect(fixture.runs.length).toBe(before);
    });

    it('exits 2 when a required argument is missing', async () => {
      const result = await qntx('fixture', 'db', 'migrate', 'up');
      expect(result.code).toBe(2);
      expect(result.err).toContain('"qntx fixture db migrate up" needs <target>.');
    });

    it('exits 124 when the plugin exceeds the command timeout, and cancels the command', async () => {
      const slowHome = makeHome();
      setup.write(slowHome, [{ name: 'fixture', address: plugin.address, request_timeout_ms: 400 }]);
      try {
        const started = Date.now();
        const result = await runQntxTraced(['fixture', 'hang'], { home: slowHome });
        expect(result.code).toBe(124);
        expect(result.path).toBe(setup.path);
        expect(result.err).toContain('Plugin "fixture" did not finish "qntx fixture hang" within 400 ms');
        expect(Date.now() - started).toBeLessThan(5000);
        // The deadline travels with the call: the plugin's handler sees its signal abort.
        await waitFor(() => fixture.cancelled.includes('fixture hang'));
      } finally {
        rmSync(slowHome, { recursive: true, force: true });
      }
    });

    it('ends with 130 on Ctrl-C (SIGINT), cancelling the command in the plugin', async () => {
      const child = spawnQntx(['fixture', 'hang'], { home });
      const done = collect(child);
      const before = fixture.cancelled.length;
      await waitFor(() => fixture.runs.filter((run) => run === 'fixture hang').length > fixture.cancelled.length);
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(130);
      expect(result.err).toContain('"qntx fixture hang" was interrupted.');
      await waitFor(() => fixture.cancelled.length > before);
    });

    it('exits 69 naming the plugin and its address when nothing answers there', async () => {
      const downHome = makeHome();
      const address = await closedAddress();
      setup.write(downHome, [{ name: 'fixture', address }]);
      try {
        const result = await runQntx(['fixture', 'db', 'status'], { home: downHome });
        expect(result.code).toBe(69);
        expect(result.err).toContain(`Plugin "fixture" is unreachable at ${address}`);
        expect(result.err).toContain(setup.unreachableHint);
        expect(result.out).toBe('');
      } finally {
        rmSync(downHome, { recursive: true, force: true });
      }
    });
  });
});

/** `qntx plugins ...` against the fixture plugin configured in am.plugins.toml. */
describe('qntx plugins through the bin', () => {
  let plugin: RunningPlugin;
  let home: string;

  beforeAll(async () => {
    plugin = await PluginFactory.create(FixturePluginModule, { port: 0, logger: false });
    home = makeHome();
    writePluginsToml(home, [{ name: 'fixture', address: plugin.address, request_timeout_ms: 10_000 }]);
  });

  afterAll(async () => {
    await plugin.close();
    rmSync(home, { recursive: true, force: true });
  });

  const qntx = (...args: string[]) => runQntx(args, { home });

  it('lists the plugins as a table: name, version, kind, state, address, health', async () => {
    const result = await qntx('plugins', 'list');
    expect(result.code).toBe(0);
    const [header, row] = result.out.split('\n');
    expect(header.split(/\s+/)).toEqual(['NAME', 'VERSION', 'KIND', 'STATE', 'ADDRESS', 'HEALTH']);
    expect(row.split(/\s{2,}/)).toEqual(['fixture', '1.2.3', 'external', 'running', plugin.address, 'healthy']);
  });

  it('prints the same as JSON with --json', async () => {
    const result = await qntx('plugins', 'list', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.origin).toBe(join(home, 'am.plugins.toml'));
    expect(report.plugins).toEqual([
      expect.objectContaining({
        name: 'fixture',
        version: '1.2.3',
        kind: 'external',
        source: 'config',
        state: 'running',
        address: plugin.address,
        healthy: true,
      }),
    ]);
  });

  it('reports health, exiting 0 when every plugin is healthy', async () => {
    const result = await qntx('plugins', 'health');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^NAME\s+STATE\s+HEALTH\s+MESSAGE\nfixture\s+running\s+healthy\s+ok\n/);
  });

  it('reports health, exiting 1 when a plugin cannot be reached, and shows disabled ones', async () => {
    const mixedHome = makeHome();
    const address = await closedAddress();
    writePluginsToml(mixedHome, [
      { name: 'fixture', address: plugin.address },
      { name: 'gone', address },
      { name: 'off', address, enabled: false },
    ]);
    try {
      const result = await runQntx(['plugins', 'health', '--json'], { home: mixedHome });
      expect(result.code).toBe(1);
      const states = Object.fromEntries(
        JSON.parse(result.out).plugins.map((p: { name: string; state: string }) => [p.name, p.state]),
      );
      expect(states).toEqual({ fixture: 'running', gone: 'unreachable', off: 'disabled' });
    } finally {
      rmSync(mixedHome, { recursive: true, force: true });
    }
  });

  it('exits 2 for an unknown "plugins" subcommand, suggesting the closest', async () => {
    const result = await qntx('plugins', 'lst');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Did you mean "list"?');
  });
});
