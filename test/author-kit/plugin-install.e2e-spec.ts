import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHome, runQntx } from '../support/cli.fixture';
import { ensureBuilt } from '../support/process.helpers';
import { snapshotDir, writeCrashingPlugin, writeFixturePlugin } from '../support/author-kit.fixture';

/** `qntx plugin install` / `remove` in a temporary $QNTX_HOME, refusals first: nothing half-done. */
describe('qntx plugin install and remove', () => {
  let home: string;
  let work: string;

  beforeAll(() => ensureBuilt());
  beforeEach(() => {
    home = makeHome();
    work = mkdtempSync(join(tmpdir(), 'qntx-artifacts-'));
  });
  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const config = (): string => readFileSync(join(home, 'am.plugins.toml'), 'utf8');

  it('installs a file: copied with mode 0755 under its own name, entry added, other entries and comments kept', async () => {
    writeFileSync(join(home, 'am.plugins.toml'), '# mine\n[[plugins]]   # a remote one\nname = "finance"\naddress = "localhost:9001"\n');
    const file = writeFixturePlugin(join(work, 'qntx-greeter'), { name: 'greeter' });
    const result = await runQntx(['plugin', 'install', file], { home });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Installed plugin "greeter" 0.0.1 as ${join(home, 'plugins', 'qntx-greeter')}.`);
    expect(statSync(join(home, 'plugins', 'qntx-greeter')).mode & 0o777).toBe(0o755);
    expect(config()).toBe(
      '# mine\n[[plugins]]   # a remote one\nname = "finance"\naddress = "localhost:9001"\n\n[[plugins]]\n' +
        `# installed by "qntx plugin install" from ${file}\nname = "greeter"\nbinary = "qntx-greeter"\nauto_start = true\n`,
    );
    expect(Object.keys(snapshotDir(join(home, 'plugins')))).toEqual(['qntx-greeter']);

    const removed = await runQntx(['plugin', 'remove', 'greeter'], { home });
    expect(removed.code).toBe(0);
    expect(removed.out).toContain(`Removed plugin "greeter": deleted ${join(home, 'plugins', 'qntx-greeter')}`);
    expect(config()).toBe('# mine\n[[plugins]]   # a remote one\nname = "finance"\naddress = "localhost:9001"\n');
    expect(snapshotDir(join(home, 'plugins'))).toEqual({});
  });

  it('refuses a plugin that fails to start, quoting its stderr, and leaves nothing behind', async () => {
    const before = snapshotDir(home);
    const result = await runQntx(['plugin', 'install', writeCrashingPlugin(join(work, 'qntx-broken'))], { home });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`qntx: Refusing to install ${join(work, 'qntx-broken')}: it did not start as a plugin: exited before the handshake (exit code 3).`);
    expect(result.err).toContain('  | boom: MYPLUGIN_API_KEY is not set');
    expect(snapshotDir(home)).toEqual(before);
  });

  it('refuses a plugin whose host-version range this host does not satisfy', async () => {
    const before = snapshotDir(home);
    const file = writeFixturePlugin(join(work, 'qntx-future'), { name: 'future', qntxVersion: '>= 9.0.0' });
    const result = await runQntx(['plugin', 'install', file], { home });
    expect(result.code).toBe(1);
    expect(result.err).toBe(`qntx: Refusing to install ${file}: it requires host version ">= 9.0.0", this host is 0.1.0.\n`);
    expect(snapshotDir(home)).toEqual(before);
  });

  it('refuses a plugin that declares no host-version range', async () => {
    const file = writeFixturePlugin(join(work, 'qntx-loose'), { name: 'loose', qntxVersion: '' });
    const result = await runQntx(['plugin', 'install', file], { home });
    expect(result.code).toBe(1);
    expect(result.err).toContain('plugin "loose" declares no qntxVersion range');
  });

  it('refuses a name that another entry uses with a different binary, and a built-in name', async () => {
    writeFileSync(
      join(home, 'am.plugins.toml'),
      '[[plugins]]\nname = "greeter"\nbinary = "/opt/greeter/qntx-greeter"\nenabled = false\n\n' +
        '[[plugins]]\nname = "code"\nbuiltin = true\nmodule = "/opt/code-plugin.module.js"\nenabled = false\n',
    );
    const before = snapshotDir(home);
    const greeter = await runQntx(['plugin', 'install', writeFixturePlugin(join(work, 'qntx-greeter'), { name: 'greeter' })], { home });
    expect(greeter.code).toBe(1);
    expect(greeter.err).toContain(`as plugin "greeter": ${join(home, 'am.plugins.toml')} already has a plugin "greeter" (binary /opt/greeter/qntx-greeter)`);
    const code = await runQntx(['plugin', 'install', writeFixturePlugin(join(work, 'qntx-code'), { name: 'code' })], { home });
    expect(code.code).toBe(1);
    expect(code.err).toContain('already has a plugin "code" (built-in, from /opt/code-plugin.module.js)');
    const reserved = await runQntx(['plugin', 'install', writeFixturePlugin(join(work, 'qntx-help'), { name: 'help' })], { home });
    expect(reserved.code).toBe(1);
    expect(reserved.err).toContain('as plugin "help": "qntx help" is a command of the CLI itself.');
    expect(snapshotDir(home)).toEqual(before);
  });

  it('installs from a plugin folder: its qntx-* file and its config/am.<name>.toml defaults', async () => {
    mkdirSync(join(work, 'dist'));
    mkdirSync(join(work, 'config'));
    writeFixturePlugin(join(work, 'dist', 'qntx-greeter'), { name: 'greeter' });
    writeFileSync(join(work, 'config', 'am.greeter.toml'), 'greeting = "Hello"\n');
    const result = await runQntx(['plugin', 'install', work], { home });
    expect(result.code).toBe(0);
    expect(readFileSync(join(home, 'plugins', 'qntx-greeter.am.toml'), 'utf8')).toBe('greeting = "Hello"\n');
    expect(result.out).toContain(`Its default settings are in ${join(home, 'plugins', 'qntx-greeter.am.toml')}`);
  });

  it('answers usage errors with exit 2', async () => {
    const missing = await runQntx(['plugin', 'install', join(work, 'nope')], { home });
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`qntx: ${join(work, 'nope')} does not exist. Run "qntx plugin install --help" for its usage.\n`);
    expect((await runQntx(['plugin', 'install'], { home })).code).toBe(2);
    expect((await runQntx(['plugin', 'remove'], { home })).code).toBe(2);
    const empty = await runQntx(['plugin', 'install', work], { home });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain(`${work} holds no plugin file (qntx-<name>, at its top or in dist/)`);
  });

  it('refuses to remove what it did not install', async () => {
    writeFileSync(join(home, 'am.plugins.toml'), '[[plugins]]\nname = "finance"\naddress = "localhost:9001"\n');
    const before = snapshotDir(home);
    const remote = await runQntx(['plugin', 'remove', 'finance'], { home });
    expect(remote.code).toBe(1);
    expect(remote.err).toContain('Plugin "finance" was not installed by "qntx plugin install" (reached at localhost:9001)');
    const unknown = await runQntx(['plugin', 'remove', 'nope'], { home });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`No plugin named "nope" in ${join(home, 'am.plugins.toml')} (configured: finance).`);
    expect(snapshotDir(home)).toEqual(before);
  });
});
