import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginHealthIndicator, QntxHostModule, QntxHostOptions } from '@qntx/host';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { codePluginHostOptions } from '../support/code-host.fixture';

/** A user's own health endpoint, with the host's plugins in it. */
@Controller('health')
class UserHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly plugins: PluginHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.plugins.isServing('code'), () => this.plugins.isServing()]);
  }

  @Get('missing')
  @HealthCheck()
  missing(): Promise<HealthCheckResult> {
    return this.health.check([() => this.plugins.isServing('nope')]);
  }
}

const home = mkdtempSync(join(tmpdir(), 'qntx-health-home-'));
const workspace = mkdtempSync(join(tmpdir(), 'qntx-health-ws-'));
writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
const opened: INestApplication[] = [];

async function startApp(options: QntxHostOptions): Promise<string> {
  @Module({
    imports: [QntxHostModule.forRoot({ home, plugins: [], statusPage: false, ...options }), TerminusModule],
    controllers: [UserHealthController],
  })
  class UserAppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [UserAppModule] }).setLogger(false as never).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  await app.listen(0, '127.0.0.1');
  opened.push(app);
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
};

describe('plugin health with Terminus', () => {
  let plugin: RunningPlugin | null;
  let url: string;

  beforeAll(async () => {
    const setup = await codePluginHostOptions('external', { workspace_root: workspace }, 3000);
    plugin = setup.plugin;
    url = await startApp(setup.options);
  });

  afterAll(async () => {
    for (const app of opened) await app.close();
    await plugin?.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  it("reports a serving plugin up in the user's check, with its state and health details", async () => {
    const { status, body } = await getJson(`${url}/health`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info.code).toMatchObject({ status: 'up', state: 'running', details: { workspace: expect.any(String) } });
    expect(body.info.plugins).toMatchObject({ status: 'up', plugins: { code: { state: 'running' } } });
  });

  it("answers the host's own liveness and readiness probes with 200 while every plugin serves", async () => {
    expect(await getJson(`${url}/api/health/live`)).toEqual({ status: 200, body: { status: 'ok', info: {}, error: {}, details: {} } });
    const ready = await getJson(`${url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.info.plugins.plugins.code.state).toBe('running');
  });

  it('names a plugin that is not registered, and the ones that are', async () => {
    const { status, body } = await getJson(`${url}/health/missing`);
    expect(status).toBe(503);
    expect(body.error.nope).toEqual({ status: 'down', message: 'No plugin named "nope" is registered (plugins: code).' });
  });

  it('reports a stopped plugin down (503), while liveness and GET /api/plugins stay 200', async () => {
    await plugin!.close();
    plugin = null;
    const { status, body } = await getJson(`${url}/health`);
    expect(status).toBe(503);
    expect(body.status).toBe('error');
    expect(body.error.code).toMatchObject({ status: 'down', state: 'unhealthy', message: expect.stringMatching(/code/) });
    expect(body.error.plugins).toMatchObject({ status: 'down', failing: ['code'] });
    const ready = await getJson(`${url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.error.plugins.failing).toEqual(['code']);
    expect((await getJson(`${url}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/api/plugins`)).status).toBe(200);
  });

  it('leaves /api/health and /api/docs to the app with health: false and openApi: false', async () => {
    const bare = await startApp({ health: false, openApi: false });
    expect((await fetch(`${bare}/api/health/ready`)).status).toBe(404);
    expect((await fetch(`${bare}/api/docs/openapi.json`)).status).toBe(404);
  });
});
