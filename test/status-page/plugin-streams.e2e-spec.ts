import { AddressInfo } from 'node:net';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { CODE_PLUGIN_MAIN, ensureBuilt } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome, startHostWithConfig } from '../support/supervised-host.fixture';
import { startTestHost, TestHost } from '../support/host.fixture';
import { EventStreamReader, ServerEvent } from '../support/event-stream.reader';
import { SamplePluginModule } from '../../libs/plugin-grpc/src/testing-fixtures/sample.plugin';

interface StatusEvent {
  name: string;
  state: string;
  pid: number | null;
  restarts: number;
}
interface LogLineEvent {
  pid: number;
  stream: string;
  text: string;
}

const isStatus = (state: string) => (e: ServerEvent) => e.event === 'status' && (e.data as StatusEvent).state === state;

/** The two server-sent event streams the status page reads, from a plain HTTP client. */
describe('plugin state and output as server-sent events', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost;
  let url: string;
  const aborts: AbortController[] = [];

  const open = async (path: string, headers: Record<string, string> = {}): Promise<Response> => {
    const abort = new AbortController();
    aborts.push(abort);
    return fetch(`${url}${path}`, { headers, signal: abort.signal });
  };

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    host = await startHostWithConfig(
      env.home,
      `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`,
    );
    await host.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(host.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    aborts.forEach((abort) => abort.abort());
    await host?.close();
    env?.cleanup();
  });

  it('tells the state of each launched plugin at once, then each change: a restart shows as restarting, then running', async () => {
    const res = await open('/api/plugins/events');
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = new EventStreamReader(res);
    const first = (await events.next()).data as StatusEvent;
    expect(first).toMatchObject({ name: 'code', state: 'running', restarts: 0 });

    const restart = await fetch(`${url}/api/plugins/code/restart`, { method: 'POST' });
    expect(restart.status).toBe(200);
    await events.next(isStatus('restarting'));
    const running = (await events.next(isStatus('running'))).data as StatusEvent;
    expect(running.restarts).toBe(1);
    expect(running.pid).not.toBe(first.pid);
  });

  it("tails a launched plugin's output: the last lines first, then new ones as they are printed", async () => {
    const events = new EventStreamReader(await open('/api/plugins/code/logs/stream?lines=5'));
    const backlog: LogLineEvent[] = [];
    for (let i = 0; i < 5; i++) backlog.push((await events.next()).data as LogLineEvent);
    expect(backlog.every((line) => typeof line.text === 'string' && line.pid > 0)).toBe(true);

    await fetch(`${url}/api/plugins/code/restart`, { method: 'POST' });
    const { pid } = (await (await fetch(`${url}/api/plugins`)).json()).plugins[0];
    const ready = await events.next(
      (e) =>
        (e.data as LogLineEvent).pid === pid &&
        (e.data as LogLineEvent).text === 'Nest microservice successfully started',
    );
    expect(ready.data).toMatchObject({
      stream: 'stdout',
      level: 'info',
      fields: { pluginContext: 'NestMicroservice' },
    });
    // The plugin's own logger reaches the host over host services; its lines are kept with the output.
    const logged = await events.next(
      (e) => (e.data as LogLineEvent).stream === 'log' && (e.data as LogLineEvent).text === 'code plugin ready',
    );
    expect(logged.data).toMatchObject({ pid, level: 'info', fields: { workspace: env.workspace } });
  });

  it("refuses management requests from a page of another origin, and accepts the host's own", async () => {
    const foreign = { origin: 'http://evil.example' };
    expect((await fetch(`${url}/api/plugins/code/restart`, { method: 'POST', headers: foreign })).status).toBe(403);
    expect((await open('/api/plugins/code/logs/stream', foreign)).status).toBe(403);
    expect((await fetch(`${url}/api/plugins/code/logs`, { headers: foreign })).status).toBe(403);
    const own = await open('/api/plugins/code/logs/stream', { origin: url });
    expect(own.status).toBe(200);
  });

  it("answers 404 for an unknown plugin's output stream", async () => {
    const res = await fetch(`${url}/api/plugins/nope/logs/stream`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'Not Found', plugin: 'nope' });
  });
});

describe('output streams and shutdown', () => {
  it('answers 409 for a built-in plugin, and ends open streams when the host stops', async () => {
    const host = await startTestHost({ builtins: [await createBuiltinPlugin(SamplePluginModule)] });
    await host.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(host.app.getHttpServer().address() as AddressInfo).port}`;
    const refused = await fetch(`${url}/api/plugins/sample/logs/stream`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toMatch(/runs inside the host/);

    const events = new EventStreamReader(await fetch(`${url}/api/plugins/events`));
    const started = Date.now();
    await host.close();
    await events.end();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
