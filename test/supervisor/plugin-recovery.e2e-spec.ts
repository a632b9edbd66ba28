import request from 'supertest';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt, FIXTURES, isAlive, waitUntil } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome, startHostWithConfig, supervisorOf, waitForState } from '../support/supervised-host.fixture';
import { TestHost } from '../support/host.fixture';

describe('a supervised plugin that goes down', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost | undefined;

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.close();
    host = undefined;
    env.cleanup();
  });

  it('after a SIGKILL, answers 503 with Retry-After at once, then serves again, re-initialized, with restarts: 1', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    const server = host.app.getHttpServer();
    const supervisor = supervisorOf(host, 'code');
    await request(server).get('/api/code').expect(200);
    const first = supervisor.status().pid!;

    process.kill(first, 'SIGKILL');
    await waitForState(supervisor, ['restarting']);
    const started = Date.now();
    const down = await request(server).get('/api/code');
    expect(down.status).toBe(503);
    expect(Number(down.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(down.body).toMatchObject({ error: 'Service Unavailable', plugin: 'code' });
    expect(Date.now() - started).toBeLessThan(500); // no gRPC attempt, no deadline waited out

    await waitForState(supervisor, ['running']);
    const tree = await request(server).get('/api/code').expect(200);
    expect(tree.body.root).toBe(env.workspace); // Initialize sent again with am.code.toml

    const { body } = await request(server).get('/api/plugins').expect(200);
    const code = body.plugins.find((p: { name: string }) => p.name === 'code');
    expect(code).toMatchObject({ state: 'running', restarts: 1, lastError: 'exited unexpectedly (killed by SIGKILL)' });
    expect(code.pid).not.toBe(first);
    expect(isAlive(code.pid)).toBe(true);
  });

  it('restarts a plugin that stops answering its health checks (SIGSTOP)', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    const supervisor = supervisorOf(host, 'code');
    const frozen = supervisor.status().pid!;

    process.kill(frozen, 'SIGSTOP');
    await waitForState(supervisor, ['unhealthy']);
    await waitForState(supervisor, ['restarting']);
    await waitForState(supervisor, ['running']);

    const status = supervisor.status();
    expect(status.restarts).toBe(1);
    expect(status.lastError).toMatch(/^2 health checks failed in a row/);
    expect(status.pid).not.toBe(frozen);
    expect(isAlive(frozen)).toBe(false); // SIGKILL reaches a stopped process
    await request(host.app.getHttpServer()).get('/api/code').expect(200);
  });

  it('shows a plugin that reports itself unhealthy as unhealthy, keeps it serving and does not restart it', async () => {
    host = await startHostWithConfig(env.home, `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
    const supervisor = supervisorOf(host, 'code');
    const pid = supervisor.status().pid;

    renameSync(env.workspace, `${env.workspace}.away`);
    await waitForState(supervisor, ['unhealthy']);
    const answer = await request(host.app.getHttpServer()).get('/api/code/files/hello.txt');
    expect(answer.status).not.toBe(503); // the plugin itself answers (its workspace is gone)
    renameSync(`${env.workspace}.away`, env.workspace);
    await waitForState(supervisor, ['running']);
    expect(supervisor.status()).toMatchObject({ pid, restarts: 0 });
  });

  it('marks a crash-looping plugin failed at the restart ceiling, and brings it back on POST /restart once fixed', async () => {
    const flag = join(env.home, 'crash');
    writeFileSync(flag, '');
    host = await startHostWithConfig(
      env.home,
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${join(FIXTURES, 'flaky-plugin.js')}"`,
        `env = { CRASH_FLAG = "${flag}" }`,
        'max_restarts = 2',
        FAST_SUPERVISION,
      ].join('\n'),
    );
    const server = host.app.getHttpServer();
    const supervisor = supervisorOf(host, 'code');
    await waitForState(supervisor, ['failed']);

    const status = supervisor.status();
    expect(status).toMatchObject({ state: 'failed', restarts: 2, pid: null });
    expect(status.lastError).toMatch(/exited before the handshake \(exit code 3\).*gave up after 2 restarts within 60 s/);
    const logs = await request(server).get('/api/plugins/code/logs').expect(200);
    expect(logs.body.lastFailure.stderr).toEqual(['boom: cannot open the database']);
    const down = await request(server).get('/api/code').expect(503);
    expect(down.body.message).toMatch(/failed .*POST \/api\/plugins\/code\/restart/);

    rmSync(flag);
    const restarted = await request(server).post('/api/plugins/code/restart').expect(200);
    expect(restarted.body).toMatchObject({ state: 'running', restarts: 3 });
    await request(server).get('/api/code').expect(200);
  });

  it('stops the whole process group when the host closes: Shutdown, SIGTERM, then SIGKILL for a child that ignores SIGTERM', async () => {
    const pidFile = join(env.home, 'child.pid');
    host = await startHostWithConfig(
      env.home,
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${join(FIXTURES, 'spawning-plugin.js')}"`,
        `env = { CHILD_PID_FILE = "${pidFile}" }`,
        FAST_SUPERVISION,
      ].join('\n'),
    );
    const supervisor = supervisorOf(host, 'code');
    const pluginPid = supervisor.status().pid!;
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(childPid)).toBe(true);

    await host.close();
    host = undefined;
    expect(isAlive(pluginPid)).toBe(false);
    await waitUntil(() => !isAlive(childPid), 2000, `child ${childPid} to exit`);
    expect(supervisor.status().state).toBe('stopped');
  });
});
