import { Module } from '@nestjs/common';
import { Writable } from 'node:stream';
import { PluginLogger, PluginRouter, StaticServiceRegistry } from '@qntx/domains';
import { Plugin } from '../decorators/plugin.decorator';
import { PluginRoute } from '../decorators/plugin-route.decorator';
import { OnPluginInit } from '../decorators/plugin-lifecycle.decorators';
import { PluginInitContext } from '../interfaces/plugin-context.interface';
import { currentRequestId } from '../logging/request-context';
import { StructuredLogger } from '../logging/structured-logger';
import { PluginClient } from '../client/plugin-client';
import { ExternalDomainProxy } from '../client/external-domain-proxy';
import { PluginFactory, RunningPlugin } from './plugin-factory';

@Plugin({
  name: 'traced',
  version: '1.0.0',
  qntxVersion: '',
  description: 'logs in its route',
  author: 'tests',
  license: 'MIT',
})
class TracedPlugin {
  private logger: PluginLogger | null = null;

  @OnPluginInit()
  init({ logger }: PluginInitContext): void {
    this.logger = logger;
  }

  @PluginRoute('GET', 'work')
  async work(): Promise<object> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.logger!.info('doing the work', { items: 3 });
    return { seenRequestId: currentRequestId() ?? null };
  }
}

@Module({ providers: [TracedPlugin] })
class TracedPluginModule {}

describe('a request id from the host on the plugin side', () => {
  let running: RunningPlugin;
  let text = '';
  const lines = (): Record<string, unknown>[] =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    running = await PluginFactory.create(TracedPluginModule, {
      logger: new StructuredLogger({ format: 'json', level: 'debug', destination }),
    });
    await running.plugin.initialize(new StaticServiceRegistry({ traced: {} }));
  });

  afterAll(() => running.close());
  beforeEach(() => (text = ''));

  it('arrives as x-request-id metadata and is on the route log lines and the SDK debug line', async () => {
    const client = new PluginClient(running.address);
    try {
      const response = await client.handleHttp(
        { method: 'GET', path: '/api/traced/work', headers: [], body: Buffer.alloc(0) },
        { requestId: 'req-from-host-1' },
      );
      expect(JSON.parse(response.body.toString())).toEqual({ seenRequestId: 'req-from-host-1' });
    } finally {
      client.close();
    }
    const route = lines().find((line) => line.msg === 'doing the work');
    expect(route).toMatchObject({ requestId: 'req-from-host-1', items: 3, context: 'traced' });
    const served = lines().find((line) => line.context === 'PluginHttp');
    expect(served).toMatchObject({
      level: 20,
      requestId: 'req-from-host-1',
      status: 200,
      msg: 'GET /api/traced/work answered 200',
    });
  });

  it('is taken by ExternalDomainProxy from the forwarded X-Request-Id header', async () => {
    const proxy = await ExternalDomainProxy.connect(running.address);
    try {
      const router = new PluginRouter('traced');
      await proxy.registerHttp(router);
      const match = router.match('GET', '/api/traced/work')!;
      const response = await match.handler({
        method: 'GET',
        path: '/api/traced/work',
        relativePath: '/work',
        query: '',
        headers: { 'x-request-id': ['header-id-7'] },
        body: Buffer.alloc(0),
        params: match.params,
      });
      expect(JSON.parse(response.body.toString())).toEqual({ seenRequestId: 'header-id-7' });
    } finally {
      proxy.client.close();
    }
  });

  it('is absent from the lines of a call that carries none (an older host)', async () => {
    const client = new PluginClient(running.address);
    try {
      const response = await client.handleHttp({
        method: 'GET',
        path: '/api/traced/work',
        headers: [],
        body: Buffer.alloc(0),
      });
      expect(JSON.parse(response.body.toString())).toEqual({ seenRequestId: null });
    } finally {
      client.close();
    }
    expect(lines().find((line) => line.msg === 'doing the work')).not.toHaveProperty('requestId');
  });
});
