import { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { codePluginHostOptions } from '../support/code-host.fixture';
import { hashBody, open, send } from '../support/http-client';
import { patternChunks, patternSha256, sha256 } from '../support/pattern-body';
import { probeCounters, probeEvents, probeId, settledValue, within } from '../support/probe-events';
import { ProbeHost, startProbeHost } from '../support/probe-host.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';

// Real sockets and 20 MiB bodies on a shared machine: more than Jest's default 5 s.
jest.setTimeout(60_000);

const MiB = 1024 * 1024;
/**
 * What may sit in buffers between a stalled end and the other (socket buffers, gRPC flow-control
 * windows, stream queues): a few MiB. Without backpressure the whole 64 MiB would move.
 */
const BUFFERED_AT_MOST = 24 * MiB;

/** Reads from a response until `text` has arrived; resolves with everything read so far. */
function readUntil(res: IncomingMessage, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      if (seen.includes(text)) {
        res.off('data', onData).off('end', onEnd);
        res.pause();
        resolve(seen);
      }
    };
    const onEnd = (): void => reject(new Error(`the response ended before "${text}" arrived; got ${JSON.stringify(seen)}`));
    res.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

async function readRest(res: IncomingMessage): Promise<string> {
  res.resume();
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString('utf8');
  return text;
}

describe.each(['external', 'built-in'] as const)('streamed responses through the host (%s plugin)', (kind) => {
  let host: ProbeHost;

  beforeAll(async () => {
    host = await startProbeHost(kind);
  });

  afterAll(async () => {
    await host.close();
  });

  it('delivers server-sent events as they are produced, before the response ends', async () => {
    const id = probeId('sse');
    const res = await open(`${host.url}/api/probe/sse/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const first = await within(readUntil(res, '\n\n'), 5000, 'the first event');
    // The plugin cannot send the second event, nor end the response, until we open the gate.
    expect(res.complete).toBe(false);
    expect(first).toBe('event: tick\nid: 1\ndata: {"n":1}\n\n');
    probeEvents.fire(`${id}:gate`);
    const rest = await readRest(res);
    expect(rest).toBe('event: tick\nid: 2\ndata: second\ndata: line\n\n');
  });

  it('sends a body of unknown length chunked, and one with a declared length with it', async () => {
    const size = 3 * MiB + 17;
    const chunked = await open(`${host.url}/api/probe/pattern/${size}`);
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(await hashBody(chunked)).toEqual({ bytes: size, sha256: patternSha256(size) });
    const sized = await open(`${host.url}/api/probe/pattern/${size}?length`);
    expect(sized.headers['content-length']).toBe(String(size));
    expect(await hashBody(sized)).toEqual({ bytes: size, sha256: patternSha256(size) });
  });

  it('holds a download back while the client does not read: the plugin produces only what fits in the buffers', async () => {
    const id = probeId('slow-reader');
    const size = 64 * MiB;
    const res = await open(`${host.url}/api/probe/produce/${id}/${size}`);
    // The client reads nothing for now: production must come to rest well short of the body.
    const produced = await settledValue(() => probeCounters.get(id) ?? 0);
    expect(produced).toBeLessThan(BUFFERED_AT_MOST);
    expect(await hashBody(res)).toEqual({ bytes: size, sha256: patternSha256(size) });
    expect(probeCounters.get(id)).toBe(size);
  });

  it('holds an upload back while the plugin does not read: the client can send only what fits in the buffers', async () => {
    const id = probeId('slow-plugin');
    const size = 64 * MiB;
    let sent = 0;
    const counted = function* (): Generator<Buffer> {
      for (const chunk of patternChunks(size)) {
        sent += chunk.length;
        yield chunk;
      }
    };
    const pending = send(`${host.url}/api/probe/gated-sink/${id}`, { method: 'POST', body: counted() });
    await within(probeEvents.when(`${id}:first`), 5000, 'the plugin reading its first chunk');
    const accepted = await settledValue(() => sent);
    expect(accepted).toBeLessThan(BUFFERED_AT_MOST);
    probeEvents.fire(`${id}:gate`);
    const res = await pending;
    expect(JSON.parse(res.body.toString())).toEqual({ bytes: size });
  });

  it('answers HEAD on a streamed route with the head only', async () => {
    const res = await send(`${host.url}/api/probe/pattern/1000?length`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.body.length).toBe(0);
  });

  it.each(['broken-small', 'broken-at-once'])(
    'answers a clean 502 instead of a torn 200 when a small or not yet started body breaks (%s)',
    async (route) => {
      const res = await send(`${host.url}/api/probe/${route}`);
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'Bad Gateway', plugin: 'probe' });
    },
  );

  it('cuts the connection when a streamed body breaks off, rather than end it as if complete', async () => {
    const res = await open(`${host.url}/api/probe/broken`);
    expect(res.statusCode).toBe(200);
    const outcome = await new Promise<string>((resolve) => {
      res.on('error', () => resolve('error'));
      res.on('aborted', () => resolve('aborted'));
      res.on('end', () => resolve(res.complete ? 'complete' : 'incomplete'));
      res.resume();
    });
    expect(outcome).not.toBe('complete');
    const after = await send(`${host.url}/api/probe/echo/after`);
    expect(after.status).toBe(200);
  });
});

describe.each(['external', 'built-in'] as const)("the code plugin's file route (%s)", (kind) => {
  let workspace: string;
  let plugin: RunningPlugin | null = null;
  let host: ListeningHost;
  const content = randomBytes(5 * MiB + 3);

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'qntx-ws-'));
    writeFileSync(join(workspace, 'blob.bin'), content);
    const setup = await codePluginHostOptions(kind, { workspace_root: workspace }, 5000);
    plugin = setup.plugin;
    host = await startListeningHost(setup.options);
  });

  afterAll(async () => {
    await host.close();
    await plugin?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('streams a file with its length', async () => {
    const res = await open(`${host.url}/api/code/files/blob.bin`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(content.length));
    expect(await hashBody(res)).toEqual({ bytes: content.length, sha256: sha256(content) });
  });
});
