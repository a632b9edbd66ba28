import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt, waitUntil } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { parseSamples, sampleValue, Sample } from '../support/prometheus-text';
import { openSocket } from '../support/websocket-client';
import { METHOD_LABELS, STATUS_LABELS } from '../../libs/host/src/metrics/http-labels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The host as users run it (`node dist/apps/host/main.js`, JSON logs at debug level) with the
 * code plugin it launches, and a second plugin it does not start: request ids, the relayed
 * plugin output, and /metrics, all read from outside as an operator would.
 */
describe('request ids, structured logs and metrics of a running host', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess;
  let url: string;

  const logLines = (): Record<string, unknown>[] =>
    host
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const scrape = async (): Promise<Sample[]> => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseSamples(await res.text());
  };
  /** Scrapes until `done` holds (what a metric shows after an event no client can await), or times out. */
  const scrapeUntil = async (done: (samples: Sample[]) => boolean, timeoutMs = 15_000): Promise<Sample[]> => {
    const deadline = Date.now() + timeoutMs;
    let samples = await scrape();
    while (!done(samples) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      samples = await scrape();
    }
    return samples;
  };
  const pluginPid = async (): Promise<number> => {
    const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as {
      plugins: { name: string; pid: number }[];
    };
    return plugins.find((p) => p.name === 'code')!.pid;
  };

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    writeFileSync(
      join(env.home, 'am.plugins.toml'),
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${CODE_PLUGIN_MAIN}"`,
        FAST_SUPERVISION,
        '',
        '[[plugins]]',
        'name = "lazy"',
        `binary = "${CODE_PLUGIN_MAIN}"`,
        'auto_start = false',
      ].join('\n'),
    );
    host = spawnHost(env.home, { QNTX_LOG_FORMAT: 'json', QNTX_LOG_LEVEL: 'debug', NODE_ENV: '' });
    await hostListening(host);
    url = host.readRuntimeFile().url;
  });

  afterAll(async () => {
    await stopHost(host);
    env?.cleanup();
  });

  it("answers every request with an X-Request-Id: the client's own, or a new UUID when it sent none or an unusable one", async () => {
    const own = await fetch(`${url}/api/code`, { headers: { 'x-request-id': 'client-chose-this-1' } });
    expect(own.headers.get('x-request-id')).toBe('client-chose-this-1');
    const none = await fetch(`${url}/api/plugins`);
    expect(none.headers.get('x-request-id')).toMatch(UUID);
    const unusable = await fetch(`${url}/api/code`, { headers: { 'x-request-id': 'has spaces in it' } });
    expect(unusable.headers.get('x-request-id')).toMatch(UUID);
    const tooLong = await fetch(`${url}/api/code`, { headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(tooLong.headers.get('x-request-id')).toMatch(UUID);
  });

  it("sends the request id to the plugin, and the host's and the plugin's log lines both carry it", async () => {
    const res = await fetch(`${url}/api/code/files/hello.txt`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(await res.text()).toBe('hello\n');
    const pid = await pluginPid();
    let hostLine: Record<string, unknown> | undefined;
    let pluginLine: Record<string, unknown> | undefined;
    await waitUntil(
      () => {
        const mine = logLines().filter((line) => line.requestId === 'trace-me-42');
        hostLine = mine.find((line) => line.context === 'HTTP');
        pluginLine = mine.find((line) => line.context === 'plugin:code');
        return hostLine !== undefined && pluginLine !== undefined;
      },
      5000,
      'log lines with the request id',
    );
    expect(hostLine).toMatchObject({
      level: 20,
      plugin: 'code',
      status: 200,
      pid: host.child.pid,
      msg: 'GET /api/code/files/hello.txt 200',
    });
    // Written by the plugin process (its own pid), relayed by the host as a structured line.
    expect(pluginLine).toMatchObject({
      level: 20,
      plugin: 'code',
      pid,
      stream: 'stdout',
      pluginContext: 'PluginHttp',
      status: 200,
    });
    expect(pluginLine!.msg).toBe('GET /api/code/files/hello.txt answered 200');
  });

  it("relays the plugin's output as structured lines with the plugin's name, pid and stream", async () => {
    const pid = await pluginPid();
    const started = logLines().find(
      (line) =>
        line.context === 'plugin:code' && line.pid === pid && line.msg === 'Nest microservice successfully started',
    );
    expect(started).toMatchObject({ level: 30, plugin: 'code', stream: 'stdout', pluginContext: 'NestMicroservice' });
    // The plugin's own logger reaches the host over host services: same log, the plugin's name as context.
    const ready = logLines().find((line) => line.context === 'code' && line.msg === 'code plugin ready');
    expect(ready).toMatchObject({ level: 30, workspace: env.workspace });
  });

  it('counts requests by plugin, method and status, with a latency histogram, and takes no label from a URL', async () => {
    const before = await scrape();
    const count = (samples: Sample[], labels: Record<string, string>): number =>
      sampleValue(samples, 'qntx_http_requests_total', labels) ?? 0;
    await fetch(`${url}/api/code`);
    await fetch(`${url}/api/code/files/hello.txt`);
    expect((await fetch(`${url}/api/code/files/no-such-file-${Date.now()}.txt`)).status).toBe(404);
    expect((await fetch(`${url}/api/code/files/hello.txt`, { method: 'PATCH', body: 'x' })).status).toBe(404);
    expect((await fetch(`${url}/api/lazy/anything`)).status).toBe(503);
    expect((await fetch(`${url}/api/not-a-plugin-${Date.now()}/x`)).status).toBe(404);

    const after = await scrape();
    expect(
      count(after, { plugin: 'code', method: 'GET', status: '2xx' }) -
        count(before, { plugin: 'code', method: 'GET', status: '2xx' }),
    ).toBe(2);
    expect(
      count(after, { plugin: 'code', method: 'GET', status: '404' }) -
        count(before, { plugin: 'code', method: 'GET', status: '404' }),
    ).toBe(1);
    expect(count(after, { plugin: 'code', method: 'PATCH', status: '404' })).toBe(1);
    expect(count(after, { plugin: 'lazy', method: 'GET', status: '503' })).toBe(1);
    const histogramCount = sampleValue(after, 'qntx_http_request_duration_seconds_count', {
      plugin: 'code',
      method: 'GET',
    })!;
    expect(
      sampleValue(after, 'qntx_http_request_duration_seconds_bucket', { plugin: 'code', method: 'GET', le: '+Inf' }),
    ).toBe(histogramCount);
    expect(
      sampleValue(after, 'qntx_http_request_duration_seconds_sum', { plugin: 'code', method: 'GET' }),
    ).toBeGreaterThan(0);
    expect(sampleValue(after, 'qntx_http_requests_in_flight', { plugin: 'code' })).toBe(0);

    // Bounded: plugin names come from the configuration, the rest from fixed sets.
    const qntx = after.filter((s) => s.name.startsWith('qntx_'));
    expect(new Set(qntx.map((s) => s.labels.plugin))).toEqual(new Set(['code', 'lazy']));
    for (const s of qntx) {
      if (s.labels.method !== undefined) expect(METHOD_LABELS).toContain(s.labels.method);
      if (s.labels.status !== undefined) expect(STATUS_LABELS).toContain(s.labels.status);
      expect(Object.values(s.labels).join(' ')).not.toMatch(/\/|hello|no-such-file/);
    }
  });

  it("shows each plugin's state and version, and process metrics", async () => {
    const samples = await scrape();
    expect(sampleValue(samples, 'qntx_plugin_state', { plugin: 'code', state: 'running' })).toBe(1);
    expect(sampleValue(samples, 'qntx_plugin_state', { plugin: 'code', state: 'failed' })).toBe(0);
    expect(sampleValue(samples, 'qntx_plugin_state', { plugin: 'lazy', state: 'stopped' })).toBe(1);
    const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as {
      plugins: { name: string; version: string }[];
    };
    const version = plugins.find((p) => p.name === 'code')!.version;
    expect(sampleValue(samples, 'qntx_plugin_info', { plugin: 'code', version, kind: 'external' })).toBe(1);
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  it('counts the WebSockets open through each plugin', async () => {
    const socket = await openSocket(`${url.replace('http', 'ws')}/ws/code/watch`);
    let samples = await scrape();
    expect(sampleValue(samples, 'qntx_websocket_connections', { plugin: 'code' })).toBe(1);
    expect(sampleValue(samples, 'qntx_websocket_connections_opened_total', { plugin: 'code' })).toBe(1);
    socket.ws.close();
    await socket.closed;
    samples = await scrapeUntil(
      (now) => sampleValue(now, 'qntx_websocket_connections', { plugin: 'code' }) === 0,
      5000,
    );
    expect(sampleValue(samples, 'qntx_websocket_connections', { plugin: 'code' })).toBe(0);
    expect(sampleValue(samples, 'qntx_websocket_connections_opened_total', { plugin: 'code' })).toBe(1);
  });

  it('counts a restart after the plugin is killed, and shows it running again', async () => {
    const pid = await pluginPid();
    process.kill(pid, 'SIGKILL');
    const samples = await scrapeUntil(
      (now) =>
        sampleValue(now, 'qntx_plugin_restarts_total', { plugin: 'code' }) === 1 &&
        sampleValue(now, 'qntx_plugin_state', { plugin: 'code', state: 'running' }) === 1,
    );
    expect(sampleValue(samples, 'qntx_plugin_restarts_total', { plugin: 'code' })).toBe(1);
    expect(sampleValue(samples, 'qntx_plugin_state', { plugin: 'code', state: 'running' })).toBe(1);
    expect(await pluginPid()).not.toBe(pid);
  });
});
