import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DomainRegistry } from '@qntx/domains';
import { findCommand } from '@qntx/plugin-grpc/server/domain-service.handlers';
import { runQntx } from '../support/cli.fixture';
import { ensureBuilt, REPO_ROOT } from '../support/process.helpers';
import { startHostWithConfig, supervisorOf } from '../support/supervised-host.fixture';
import { TestHost } from '../support/host.fixture';

const run = promisify(execFile);

/** Building and testing the generated project takes some seconds each (webpack, jest). */
jest.setTimeout(240_000);

/**
 * `qntx plugin new` as a user runs it, then the generated project's own build and tests, then a
 * host that launches what it built from the am.plugins.toml entry it came with.
 */
describe('qntx plugin new', () => {
  let work: string;
  let project: string;
  let home: string;
  let host: TestHost | undefined;

  beforeAll(async () => {
    ensureBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'cli', 'main.js'))) {
      await run('npx', ['nest', 'build', 'cli'], { cwd: REPO_ROOT });
    }
    work = mkdtempSync(join(tmpdir(), 'qntx-gen-'));
    home = join(work, 'home');
    mkdirSync(home);
    project = join(work, 'weather');
    // node_modules linked to this checkout's: no network, and no second copy of anything.
    const created = await runQntx(['plugin', 'new', 'weather', '--dir', project, '--link-node-modules'], {
      home,
      cwd: work,
    });
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
  });

  afterAll(async () => {
    await host?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a Nest plugin project: a decorated provider, its spec, config, README and the host entry', () => {
    for (const file of [
      'package.json',
      'tsconfig.json',
      'nest-cli.json',
      'jest.config.js',
      'README.md',
      'am.plugins.toml',
      'config/am.weather.toml',
      'proto/domain.proto',
      'proto/host_services.proto',
      'src/main.ts',
      'src/weather-plugin.module.ts',
      'src/weather.plugin.ts',
      'src/weather.plugin.spec.ts',
    ]) {
      expect(existsSync(join(project, file))).toBe(true);
    }
    const source = readFileSync(join(project, 'src/weather.plugin.ts'), 'utf8');
    expect(source).toMatch(/@Plugin\(\{\s+name: 'weather'/);
    expect(source).toContain('@PluginCommand({');
    expect(source).toContain("@PluginRoute('GET', 'hello')");
    expect(source).toContain("@PluginSocket('echo')");
    expect(readFileSync(join(project, 'src/main.ts'), 'utf8')).toContain('PluginFactory.run(WeatherPluginModule)');
    expect(readFileSync(join(project, 'am.plugins.toml'), 'utf8')).toContain(
      `binary = "${join(project, 'dist', 'main.js')}"`,
    );
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.paths['@qntx/plugin-grpc']).toEqual([
      join(REPO_ROOT, 'libs', 'plugin-grpc', 'src'),
    ]);
  });

  it('builds (nest build, type-checked) and its own tests pass, over gRPC and in-process', async () => {
    await run('npm', ['run', 'build'], { cwd: project });
    expect(existsSync(join(project, 'dist', 'main.js'))).toBe(true);
    const typecheck = await run('npm', ['run', 'typecheck'], { cwd: project });
    expect(typecheck.stderr).not.toMatch(/error TS/);
    const tests = await run('npx', ['jest', '--ci'], { cwd: project }).catch(
      (error: { stdout: string; stderr: string }) => {
        throw new Error(`the generated tests failed:\n${error.stdout}\n${error.stderr}`);
      },
    );
    expect(tests.stderr).toMatch(/Tests:\s+8 passed, 8 total/);
  });

  it('runs under a host from the am.plugins.toml entry it wrote: route, command and settings', async () => {
    expect(existsSync(join(project, 'dist', 'main.js'))).toBe(true);
    writeFileSync(join(home, 'am.weather.toml'), 'greeting = "Howdy"\n');
    host = await startHostWithConfig(home, readFileSync(join(project, 'am.plugins.toml'), 'utf8'));
    const server = host.app.getHttpServer();
    const res = await request(server).get('/api/weather/hello?name=Ada').expect(200);
    expect(res.body).toEqual({ greeting: 'Howdy, Ada!' });
    expect(supervisorOf(host, 'weather').status()).toMatchObject({ state: 'running', restarts: 0 });
    const { body } = await request(server).get('/api/plugins').expect(200);
    expect(body.plugins[0]).toMatchObject({
      name: 'weather',
      version: '0.1.0',
      health: { healthy: true, message: 'weather ok' },
    });

    const greet = findCommand(await host.app.get(DomainRegistry).get('weather')!.commands(), ['weather', 'greet']);
    await expect(greet!.run!({ command: 'weather greet', args: ['Ada'], flags: { shout: 'true' } })).resolves.toEqual({
      exitCode: 0,
      stdout: 'HOWDY, ADA!\n',
      stderr: '',
    });
  });

  it('packages as one file that `qntx plugin install` takes from the project folder', async () => {
    await run('npm', ['run', 'package'], { cwd: project });
    const file = join(project, 'dist', 'qntx-weather');
    expect(statSync(file).mode & 0o111).not.toBe(0);
    const installHome = join(work, 'install-home');
    mkdirSync(installHome);
    const installed = await runQntx(['plugin', 'install', project], { home: installHome, cwd: work });
    expect(installed.err).toBe('');
    expect(installed.code).toBe(0);
    expect(readFileSync(join(installHome, 'am.plugins.toml'), 'utf8')).toMatch(
      /name = "weather"\nbinary = "qntx-weather"/,
    );
    expect(readFileSync(join(installHome, 'plugins', 'qntx-weather.am.toml'), 'utf8')).toBe('greeting = "Hello"\n');
  });

  it('refuses a folder that is in use and a name a plugin cannot have, with exit code 2', async () => {
    const taken = await runQntx(['plugin', 'new', 'weather', '--dir', project], { home, cwd: work });
    expect(taken.code).toBe(2);
    expect(taken.err).toBe(`qntx: ${project} already exists and is not an empty folder; choose another with --dir.\n`);
    const bad = await runQntx(['plugin', 'new', 'Weather!'], { home, cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"Weather!" cannot name a plugin: use lower-case letters/);
    const reserved = await runQntx(['plugin', 'new', 'plugins'], { home, cwd: work });
    expect(reserved.code).toBe(2);
    expect(existsSync(join(work, 'plugins'))).toBe(false);
  });
});
