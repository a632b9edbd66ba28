import { Module } from '@nestjs/common';
import { randomBytes, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Plugin, PluginRequest, PluginResponse, PluginRoute } from '@qntx/plugin-grpc';
import { aborted, probeCounters, probeEvents } from './probe-events';
import { patternChunks, sha256 } from './pattern-body';

/**
 * A plugin written only with the SDK whose routes show what reached them and answer in every
 * shape the HTTP tests need. Handlers report what they observed through `probeEvents`.
 */
@Plugin({ name: 'probe', version: '1.0.0', qntxVersion: '>= 0.1.0', description: 'HTTP test plugin' })
export class HttpProbePlugin {
  /** What the plugin saw of the request. */
  @PluginRoute('ALL', 'echo/{*rest}')
  echo(req: PluginRequest): object {
    const repeated: Record<string, string[]> = {};
    for (const key of req.queryParams.keys()) repeated[key] = req.queryParams.getAll(key);
    return {
      method: req.method,
      path: req.path,
      relativePath: req.relativePath,
      query: req.query,
      queryParams: repeated,
      params: req.params,
      headers: req.headers,
      bodyBytes: req.body.length,
    };
  }

  @PluginRoute('POST', 'hash')
  hash(req: PluginRequest): object {
    return { bytes: req.body.length, sha256: sha256(req.body) };
  }

  @PluginRoute('POST', 'hash-stream', { stream: true })
  async hashStream(req: PluginRequest): Promise<object> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of req.stream()) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  /** The body back, buffered both ways. */
  @PluginRoute('POST', 'mirror')
  mirror(req: PluginRequest): Buffer {
    return req.body;
  }

  /** The body back as it arrives: upload and download at once. */
  @PluginRoute('POST', 'mirror-stream', { stream: true })
  mirrorStream(req: PluginRequest): PluginResponse {
    return PluginResponse.stream(req.stream());
  }

  /** Random bytes, buffered, with their hash in a header. */
  @PluginRoute('GET', 'random/:bytes')
  random(req: PluginRequest): PluginResponse {
    const body = randomBytes(Number(req.params.bytes));
    return new PluginResponse(200, body, { 'content-type': 'application/octet-stream', 'x-sha256': sha256(body) });
  }

  /** A deterministic body of any size, produced chunk by chunk (never held whole). */
  @PluginRoute('GET', 'pattern/:bytes')
  pattern(req: PluginRequest): PluginResponse {
    const total = Number(req.params.bytes);
    const headers: Record<string, string> = req.queryParams.has('length') ? { 'content-length': String(total) } : {};
    return PluginResponse.stream(Readable.from(patternChunks(total), { objectMode: false }), headers);
  }

  /** A pattern body that counts, under the id, how many bytes it has handed over so far. */
  @PluginRoute('GET', 'produce/:id/:bytes')
  produce(req: PluginRequest): PluginResponse {
    const { id, bytes } = req.params;
    probeCounters.set(id, 0);
    return PluginResponse.stream(
      (async function* () {
        for (const chunk of patternChunks(Number(bytes))) {
          probeCounters.set(id, probeCounters.get(id)! + chunk.length);
          yield chunk;
        }
      })(),
    );
  }

  /** Reads the first chunk of the body, then nothing until the test opens the gate. */
  @PluginRoute('POST', 'gated-sink/:id', { stream: true })
  async gatedSink(req: PluginRequest): Promise<object> {
    const id = req.params.id;
    let bytes = 0;
    for await (const chunk of req.stream()) {
      if (bytes === 0) {
        probeEvents.fire(`${id}:first`);
        await probeEvents.when(`${id}:gate`);
      }
      bytes += (chunk as Buffer).length;
    }
    return { bytes };
  }

  @PluginRoute('GET', 'cookies')
  cookies(): PluginResponse {
    return new PluginResponse(200, 'two cookies', { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] });
  }

  @PluginRoute('GET', 'status/:code')
  status(req: PluginRequest): PluginResponse {
    const code = Number(req.params.code);
    return new PluginResponse(code, code === 204 || code === 304 ? null : `body of ${code}`, { 'x-status': String(code) });
  }

  @PluginRoute('GET', 'empty')
  empty(): PluginResponse {
    return new PluginResponse(200, Buffer.alloc(0), { 'content-type': 'application/octet-stream' });
  }

  @PluginRoute('GET', 'bad/status/:code')
  badStatus(req: PluginRequest): PluginResponse {
    return new PluginResponse(Number(req.params.code), 'never seen');
  }

  @PluginRoute('GET', 'bad/header-name')
  badHeaderName(): PluginResponse {
    return new PluginResponse(200, 'never seen', { 'x-ok\r\nx-injected': 'yes' });
  }

  @PluginRoute('GET', 'bad/header-value')
  badHeaderValue(): PluginResponse {
    return new PluginResponse(200, 'never seen', { 'x-split': 'a\r\nx-injected: yes' });
  }

  /** Answers with hop-by-hop headers that must not reach the client. */
  @PluginRoute('GET', 'hop')
  hop(): PluginResponse {
    return new PluginResponse(200, 'hop', {
      connection: 'x-private',
      'x-private': 'secret',
      'keep-alive': 'timeout=99',
      'proxy-authenticate': 'Basic realm="x"',
      trailer: 'x-trailer',
      'x-kept': 'yes',
    });
  }

  @PluginRoute('GET', 'throws')
  throws(): never {
    throw new Error('the handler broke');
  }

  /** A streamed body that breaks off after its first chunk. */
  @PluginRoute('GET', 'broken')
  broken(): PluginResponse {
    return PluginResponse.stream(
      (async function* () {
        yield Buffer.from('a first chunk, then trouble\n');
        throw new Error('the body source failed');
      })(),
    );
  }

  /** A small body with its length declared that breaks off half-way (a plugin dying mid-answer). */
  @PluginRoute('GET', 'broken-small')
  brokenSmall(): PluginResponse {
    return PluginResponse.stream(
      (async function* () {
        yield Buffer.from('half of it');
        throw new Error('the body source failed');
      })(),
      { 'content-length': '20' },
    );
  }

  /** A streamed body, length not declared, that fails before its first piece. */
  @PluginRoute('GET', 'broken-at-once')
  brokenAtOnce(): PluginResponse {
    return PluginResponse.stream(
      (async function* () {
        await Promise.resolve();
        throw new Error('the body source failed at once');
      })(),
    );
  }

  /**
   * Server-sent events: the first event, then nothing until the test opens the gate named by
   * the id (it does once it holds the first event), then the second event and the end.
   */
  @PluginRoute('GET', 'sse/:id')
  sse(req: PluginRequest): PluginResponse {
    const id = req.params.id;
    return PluginResponse.sse(
      (async function* () {
        yield { event: 'tick', id: '1', data: { n: 1 } };
        await Promise.race([probeEvents.when(`${id}:gate`), aborted(req.signal)]);
        yield { event: 'tick', id: '2', data: 'second\nline' };
      })(),
    );
  }

  /** Never answers by itself: reports when it is entered and when its signal aborts. */
  @PluginRoute('GET', 'wait/:id')
  async wait(req: PluginRequest): Promise<string> {
    const id = req.params.id;
    probeEvents.fire(`${id}:entered`);
    await aborted(req.signal);
    probeEvents.fire(`${id}:aborted`);
    return 'too late';
  }

  /** Sends its head and one chunk at once, then holds the body open until its signal aborts. */
  @PluginRoute('GET', 'hold/:id')
  hold(req: PluginRequest): PluginResponse {
    const id = req.params.id;
    return PluginResponse.stream(
      (async function* () {
        yield Buffer.from('first chunk\n');
        probeEvents.fire(`${id}:entered`);
        await aborted(req.signal);
        probeEvents.fire(`${id}:aborted`);
      })(),
    );
  }
}

@Module({ providers: [HttpProbePlugin] })
export class HttpProbeModule {}
