import { Module } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Plugin, PluginRequest, PluginResponse, PluginRoute, PluginSocket, PluginSocketConnection } from '@qntx/plugin-grpc';
import { BENCH_PLUGIN_NAME, OCTET_TYPE, smallAnswer } from '../bench.payload';

/** The bench handler written with the SDK: the same module runs built-in and as its own process. */
@Plugin({
  name: BENCH_PLUGIN_NAME,
  version: '1.0.0',
  qntxVersion: '>= 0.1.0',
  description: 'The benchmark handler: a small JSON GET and a POST echo',
  license: 'MIT',
})
export class BenchPlugin {
  @PluginRoute('GET', 'small')
  small() {
    return smallAnswer();
  }

  @PluginRoute('POST', 'echo')
  echo(request: PluginRequest): PluginResponse {
    return new PluginResponse(200, request.body, { 'content-type': OCTET_TYPE });
  }

  /** Every WebSocket frame back, same kind (ws-echo-c1 / ws-echo-c64). */
  @PluginSocket('echo')
  async echoSocket(socket: PluginSocketConnection): Promise<void> {
    for await (const data of socket) {
      if (!socket.send(data)) await socket.drained();
    }
  }

  /** Counts a streamed upload (stream-upload-1g) without holding it. */
  @PluginRoute('POST', 'sink', { stream: true })
  async sink(request: PluginRequest): Promise<object> {
    let bytes = 0;
    for await (const chunk of request.stream()) bytes += (chunk as Buffer).length;
    return { bytes };
  }

  /** `bytes` bytes streamed in 64 KiB chunks of one reused buffer (stream-download-1g). */
  @PluginRoute('GET', 'source/:bytes')
  source(request: PluginRequest): PluginResponse {
    const total = Number(request.params.bytes);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    async function* chunks() {
      for (let sent = 0; sent < total; sent += chunk.length) yield total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    }
    return PluginResponse.stream(Readable.from(chunks(), { objectMode: false }), { 'content-type': OCTET_TYPE, 'content-length': String(total) });
  }
}

@Module({ providers: [BenchPlugin] })
export class BenchPluginModule {}
