import { ensureBuilt } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { FaultHost, HOSTILE_PLUGIN, memoryOf, startFaultHost } from '../support/fault-host.fixture';
import { send } from '../support/http-client';

/**
 * Plugins written directly on @grpc/grpc-js (test/fixtures/hostile-plugin.js, no SDK), launched by
 * the built host as child processes, each misbehaving one way. The host must answer for them and
 * stay up: after each case `/api/plugins` still answers 200.
 */
describe('hostile plugins written directly on @grpc/grpc-js', () => {
  const REQUEST_TIMEOUT_MS = 1_000;
  let env: ReturnType<typeof makeHome>;
  let host: FaultHost | undefined;

  beforeAll(() => ensureBuilt());
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    if (host) {
      expect((await send(`${host.url}/api/plugins`)).status).toBe(200); // the host is unharmed
      await host.stop();
    }
    host = undefined;
    env.cleanup();
  });

  const launch = async (mode: string, extra: string[] = [], timeoutMs = REQUEST_TIMEOUT_MS, supervision = FAST_SUPERVISION): Promise<FaultHost> => {
    host = await startFaultHost(
      env.home,
      [
        '[[plugins]]',
        'name = "hostile"',
        `binary = "${HOSTILE_PLUGIN}"`,
        `env = { HOSTILE_MODE = "${mode}", HOSTILE_NAME = "hostile" }`,
        `request_timeout_ms = ${timeoutMs}`,
        ...extra,
        supervision,
      ].join('\n') + '\n',
    );
    return host;
  };

  it('a plugin that never answers gets a 504 at the deadline', async () => {
    const { url } = await launch('hang');
    const started = Date.now();
    const answer = await send(`${url}/api/hostile/anything`);
    const took = Date.now() - started;
    expect(answer.status).toBe(504);
    expect(took).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
  });

  it.each(['status-0', 'status-999'])('a plugin answering %s gets a 502', async (mode) => {
    const { url } = await launch(mode);
    expect((await send(`${url}/api/hostile/x`)).status).toBe(502);
  });

  it('a plugin answering header names with CR/LF gets a 502 and no injected header', async () => {
    const { url } = await launch('header-crlf');
    const answer = await send(`${url}/api/hostile/x`);
    expect(answer.status).toBe(502);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  // Found by this suite: the lean HTTP/2 client once joined a large message's chunks over and
  // over (quadratic), and the host then relayed a head no client could parse. Both are fixed.
  it('a plugin answering a 50 MiB header gets a 502 and leaves the host unharmed', async () => {
    const noHealthChecks = FAST_SUPERVISION.replace(/^health_interval_ms = \d+$/m, 'health_interval_ms = 0');
    const { url, pid } = await launch('huge-header', [], 5_000, noHealthChecks);
    const answer = await send(`${url}/api/hostile/x`);
    expect(memoryOf(pid).rss).toBeLessThan(400 * 1024 * 1024);
    expect(answer.headers['x-huge']).toBeUndefined();
    expect(answer.status).toBe(502);
  });

  it('a plugin answering a 50 MiB header does not take the host down: it answers an error status without the header', async () => {
    const noHealthChecks = FAST_SUPERVISION.replace(/^health_interval_ms = \d+$/m, 'health_interval_ms = 0');
    const { url, pid } = await launch('huge-header', [], 5_000, noHealthChecks);
    const answer = await send(`${url}/api/hostile/x`);
    expect([502, 503, 504]).toContain(answer.status);
    expect(answer.headers['x-huge']).toBeUndefined();
    expect(memoryOf(pid).rss).toBeLessThan(400 * 1024 * 1024);
  });

  it('a plugin answering a body far over the limit gets a 502 or 413 and leaves the host unharmed', async () => {
    const { url, pid } = await launch('huge-body', ['max_body_bytes = 1048576']);
    const answer = await send(`${url}/api/hostile/x`);
    expect([502, 413]).toContain(answer.status);
    expect(answer.body.length).toBeLessThan(1024 * 1024);
    expect(memoryOf(pid).rss).toBeLessThan(400 * 1024 * 1024);
  });

  it('a plugin reporting another name at Metadata is refused at start: failed, with the reason', async () => {
    const fault = await launch('wrong-name');
    const row = await fault.waitForPlugin('hostile', ['failed']);
    expect(row.lastError).toMatch(/hostile-impostor/);
    expect((await send(`${fault.url}/api/hostile/x`)).status).not.toBe(200);
  });

  it('a plugin flooding stdout leaves the host log bounded (at most 500 lines) and the host RSS sane', async () => {
    const fault = await launch('flood-stdout');
    await fault.waitForPlugin('hostile', ['running']);
    // Let it flood for a while: tens of thousands of lines reach the host.
    const deadline = Date.now() + 1_500;
    let lines: { text: string }[] = [];
    while (Date.now() < deadline) {
      const logs = await send(`${fault.url}/api/plugins/hostile/logs`);
      expect(logs.status).toBe(200);
      lines = (JSON.parse(logs.body.toString()) as { lines: { text: string }[] }).lines;
      expect(lines.length).toBeLessThanOrEqual(500);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const last = Number(/^flood (\d+)/.exec(lines[lines.length - 1].text)?.[1]);
    expect(last).toBeGreaterThan(5_000); // it did flood, and the buffer kept only the tail
    expect((await send(`${fault.url}/api/hostile/x`)).status).toBe(200);
    expect(memoryOf(fault.pid).rss).toBeLessThan(400 * 1024 * 1024);
  });

  it('a plugin exiting during Initialize is marked failed with the reason', async () => {
    const fault = await launch('exit-on-init', ['max_restarts = 1']);
    const row = await fault.waitForPlugin('hostile', ['failed']);
    // The reason names the phase; the plugin's own words (exit code 7, its stderr) are in its logs.
    expect(row.lastError).toMatch(/failed to initialize/);
    const logs = JSON.parse((await send(`${fault.url}/api/plugins/hostile/logs`)).body.toString()) as { lines: { text: string }[] };
    expect(logs.lines.map((l) => l.text)).toContain('fatal: the hostile fixture refuses to initialize');
    expect((await send(`${fault.url}/api/hostile/x`)).status).toBe(503);
  });
});
