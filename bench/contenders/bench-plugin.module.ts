import { Module } from '@nestjs/common';
import { Plugin, PluginRequest, PluginResponse, PluginRoute } from '@qntx/plugin-grpc';
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
}

@Module({ providers: [BenchPlugin] })
export class BenchPluginModule {}
