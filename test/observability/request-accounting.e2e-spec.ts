import http from 'node:http';
import { connect } from 'node:net';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt, readUntil } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { parseSamples, sampleValue, Sample } from '../support/prometheus-text';

jest.setTimeout(90_000);

const STREAMED_BYTES = 1024 * 1024; // past the 64 KiB the host reads whole: streamed to the client
const ENDLESS_BYTES = 1024 * 1024 * 1024; // sparse: still streaming when the plugin is killed

/** A GET on a connection of its own; resolves with the status and how many body bytes arrived. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode!, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/**
 * Every request to a plugin leaves `qntx_http_requests_in_flight` exactly once and is counted by
 * what the client got: the built host with the code plugin it launches, driven by real clients
 * that finish, give up, close at once (`Connection: close`) or lose the plugin mid-answer.
 */
describe('how the host accounts for requests, however they end', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess;
  let url: string;

  const scrape = async (): Promise<Sample[]> => parseSamples(await (await fetch(`${url}/metrics`)).text());
  const count = (samples: Sample[], status: string): number =>
    sampleValue(samples, 'qntx_http_requests_total', { plugin: 'code', method: 'GET', status }) ?? 0;
  const inFlight = (samples: Sample[]): number | undefined =>
    sampleValue(samples, 'qntx_http_requests_in_flight', { plugin: 'code' });
  const idle = (): Promise<Sample[]> => readUntil(scrape, (samples) => inFlight(samples) === 0);
  const runningPlugin = async (): Promise<number> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as {
        plugins: { name: string; pid: number | null; state: string }[];
      };
      const code = plugins.find((p) => p.name === 'code')!;
      if (code.state === 'running' && code.pid) return code.pid;
      if (Date.now() > deadline) throw new Error(`the code plugin is ${code.state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    writeFileSync(join(env.workspace, 'streamed.bin'), Buffer.alloc(STREAMED_BYTES, 7));
    writeFileSync(join(env.workspace, 'endless.bin'), '');
    truncateSync(join(env.workspace, 'endless.bin'), ENDLESS_BYTES);
    writeFileSync(
      join(env.home, 'am.plugins.toml'),
      ['[[plugins]]', 'name = "code"', `binary = "${CODE_PLUGIN_MAIN}"`, FAST_SUPERVISION].join('\n'),
    );
    host = spawnHost(env.home);
    await hostListening(host);
    url = host.readRuntimeFile().url;
  });

  afterAll(async () => {
    await stopHost(host);
    env?.cleanup();
  });

  it('counts file GETs with Connection: close that the client received in full by their status, never as aborted', async () => {
    const before = await idle();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        get(`${url}/api/code/files/${i % 3 ? 'streamed.bin' : 'hello.txt'}`, { connection: 'close' }),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer).toEqual({ status: 200, bytes: i % 3 ? STREAMED_BYTES : 6 });
    }
    const after = await idle();
    expect(count(after, '2xx') - count(before, '2xx')).toBe(60);
    expect(count(after, 'aborted') - count(before, 'aborted')).toBe(0);
    expect(inFlight(after)).toBe(0);
  });

  it('brings the in-flight gauge back to 0 after requests end by success, client abort and plugin kill', async () => {
    await runningPlugin();
    const before = await idle();

    // Success.
    await Promise.all(Array.from({ length: 5 }, () => get(`${url}/api/code/files/hello.txt`)));
    // Client abort: gone after the first piece of a long body.
    await new Promise<void>((resolve) => {
      const req = http.get(`${url}/api/code/files/endless.bin`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
    });
    expect(inFlight(await idle())).toBe(0);

    // Plugin kill: a long body being streamed, and on the same (pipelined) connection two
    // requests queued behind it, whose responses Node never closes when the connection dies.
    const pid = await runningPlugin();
    const connection = connect(Number(new URL(url).port), '127.0.0.1');
    const closed = new Promise<void>((resolve) => connection.on('close', () => resolve()));
    connection.on('error', () => undefined);
    const firstBytes = new Promise<void>((resolve) => connection.once('data', () => resolve()));
    connection.on('data', () => undefined);
    connection.write(
      ['/api/code/files/endless.bin', '/api/code/files/hello.txt', '/api/code']
        .map((path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
        .join(''),
    );
    await firstBytes;
    expect(inFlight(await scrape())).toBe(3);
    process.kill(pid, 'SIGKILL');
    await closed; // the host cuts the torn answer's connection
    const after = await idle();
    expect(inFlight(after)).toBe(0);
    expect(count(after, '2xx') - count(before, '2xx')).toBe(5);
    expect(count(after, 'aborted') - count(before, 'aborted')).toBe(4);
  });
});
