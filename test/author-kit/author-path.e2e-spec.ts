import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, runQntx } from '../support/cli.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { ensureBuilt } from '../support/process.helpers';
import { HELLO_BUNDLE, packageHello } from '../support/author-kit.fixture';

/**
 * The README's path for a TypeScript author, end to end in a temporary $QNTX_HOME: package the
 * hello example into one file, install it, start the built host, reach it over HTTP and through
 * the CLI, see it in `qntx plugins list`, remove it.
 */
describe("a plugin author's path: package, install, serve, remove", () => {
  let home: string;
  let host: HostProcess | undefined;

  beforeAll(() => {
    ensureBuilt();
    packageHello();
    home = makeHome();
  });

  afterAll(async () => {
    await stopHost(host);
    rmSync(home, { recursive: true, force: true });
  });

  it('packages the example as one executable file that carries its default settings', () => {
    const [shebang, defaults] = readFileSync(HELLO_BUNDLE, 'utf8').split('\n', 2);
    expect(shebang).toBe('#!/usr/bin/env node');
    expect(defaults).toMatch(/^\/\/ qntx-default-settings: [A-Za-z0-9+/=]+$/);
  });

  it('installs it into $QNTX_HOME', async () => {
    const result = await runQntx(['plugin', 'install', HELLO_BUNDLE], { home });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(home, 'plugins', 'qntx-hello'))).toBe(true);
    expect(readFileSync(join(home, 'plugins', 'qntx-hello.am.toml'), 'utf8')).toContain('greeting = "Hello"');
  });

  it('is served by the host at /api/hello/ with its shipped default settings', async () => {
    host = spawnHost(home);
    await hostListening(host);
    const { url } = host.readRuntimeFile();
    const res = await fetch(`${url}/api/hello/greet/ada`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Hello, ada!' });
  });

  it('shows in `qntx plugins list` and runs its command through the running host', async () => {
    const list = await runQntx(['plugins', 'list'], { home });
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^hello\s+1\.0\.0\s+external\s+running\s+127\.0\.0\.1:\d+\s+healthy$/m);
    const greet = await runQntx(['hello', 'greet', 'ada'], { home });
    expect(greet).toMatchObject({ code: 0, out: 'Hello, ada!\n' });
  });

  it('is removed again, and the running host stops serving it without a restart', async () => {
    const { url } = host!.readRuntimeFile();
    const result = await runQntx(['plugin', 'remove', 'hello'], { home });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`The running host (pid ${host!.child.pid}) no longer serves plugin "hello".`);
    expect((await fetch(`${url}/api/hello/greet/ada`)).status).toBe(404);
    expect(existsSync(join(home, 'plugins', 'qntx-hello'))).toBe(false);
    expect(existsSync(join(home, 'plugins', 'qntx-hello.am.toml'))).toBe(false);
    expect(readFileSync(join(home, 'am.plugins.toml'), 'utf8')).not.toContain('[[plugins]]');
  });
});
