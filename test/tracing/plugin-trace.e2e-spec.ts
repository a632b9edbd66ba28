import { INestApplication, LoggerService, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { DomainRegistry, commandWord } from '@qntx/domains';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, NodeTracerProvider, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { QntxHostModule, QntxHostOptions } from '@qntx/host';
import { createBuiltinPlugin } from '@qntx/plugin-grpc';
import { CollectedSpan, OtlpCollector, startOtlpCollector } from '../support/otlp-collector';
import { PluginProcess, startPluginProcess } from '../support/ts-plugin-process.fixture';
import { readUntil } from '../support/process.helpers';
import { TracedModule } from '../support/traced.plugin';
import { openSocket } from '../support/websocket-client';

/** The spans both processes made, in one shape: the host's from memory, the plugin's from its OTLP export. */
interface AnySpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
}

const fromMemory = (span: ReadableSpan): AnySpan => ({
  service: 'host',
  name: span.name,
  kind: span.kind,
  traceId: span.spanContext().traceId,
  spanId: span.spanContext().spanId,
  parentSpanId: span.parentSpanContext?.spanId ?? '',
});

// OTLP/JSON numbers span kinds from 1 (SPAN_KIND_INTERNAL); the API from 0.
const fromCollector = (span: CollectedSpan): AnySpan => ({ ...span, service: 'plugin', kind: span.kind - 1 });

describe('one trace across the host and a plugin, with OpenTelemetry', () => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-trace-home-'));
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'qntx-host' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  let collector: OtlpCollector;
  let child: PluginProcess;
  const pluginLogLines: Record<string, unknown>[] = [];
  const opened: INestApplication[] = [];

  let externalApp: INestApplication;
  let externalUrl: string;

  /** The host's log lines (the access log among them), as objects. */
  const hostLogLines: Record<string, unknown>[] = [];
  const hostLogger: LoggerService = {
    log: () => undefined,
    error: () => undefined,
    warn: (line: unknown) => void hostLogLines.push(line as Record<string, unknown>),
    debug: (line: unknown) => void hostLogLines.push(line as Record<string, unknown>),
  };

  async function startApp(options: QntxHostOptions): Promise<string> {
    @Module({ imports: [QntxHostModule.forRoot({ home, plugins: [], statusPage: false, accessLog: true, ...options })] })
    class UserAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UserAppModule] }).setLogger(false as never).compile();
    const app = moduleRef.createNestApplication({ bodyParser: false, logger: hostLogger });
    await app.listen(0, '127.0.0.1');
    opened.push(app);
    return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }

  /** A client's own trace: the host's server span must be its child. */
  function clientTraceparent(): { traceId: string; spanId: string; header: string } {
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
  }

  const hostSpans = (traceId: string): AnySpan[] => exporter.getFinishedSpans().map(fromMemory).filter((s) => s.traceId === traceId);
  const pluginSpans = (traceId: string): AnySpan[] => collector.spans.map(fromCollector).filter((s) => s.traceId === traceId);
  const one = (spans: AnySpan[], name: string | RegExp): AnySpan => {
    const found = spans.filter((span) => (typeof name === 'string' ? span.name === name : name.test(span.name)));
    if (found.length !== 1) throw new Error(`expected one span "${name}", found ${found.length} among: ${spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
    return found[0];
  };

  beforeAll(async () => {
    provider.register();
    collector = await startOtlpCollector();
    const given = { ...process.env };
    Object.assign(process.env, {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '50',
      QNTX_LOG_FORMAT: 'json',
    });
    try {
      child = await startPluginProcess('test/fixtures/traced-plugin.main.ts');
    } finally {
      for (const key of ['OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_BSP_SCHEDULE_DELAY', 'QNTX_LOG_FORMAT']) {
        if (given[key] === undefined) delete process.env[key];
        else process.env[key] = given[key];
      }
    }
    createInterface({ input: child.child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) pluginLogLines.push(JSON.parse(line) as Record<string, unknown>);
    });
  }, 60_000);

  afterAll(async () => {
    for (const app of opened) await app.close();
    await child?.kill('SIGTERM');
    await collector?.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    rmSync(home, { recursive: true, force: true });
  });

  it('an HTTP request to an external plugin: host server → plugin call → plugin server → handler → host service, one trace', async () => {
    const url = await startApp({ plugins: [{ name: 'traced', enabled: true, address: child.address, requestTimeoutMs: 5000 }] });
    externalApp = opened[opened.length - 1];
    externalUrl = url;
    const client = clientTraceparent();
    const response = await fetch(`${url}/api/traced/greet/ada`, { headers: { traceparent: client.header } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ greeting: 'Hello, ada!' });

    const host = await readUntil(async () => hostSpans(client.traceId), (spans) => spans.length >= 3);
    const plugin = await readUntil(async () => pluginSpans(client.traceId), (spans) => spans.some((s) => s.name.endsWith('/CountAttestations')));
    const hostServer = one(host, 'GET /api/traced');
    const hostCall = one(host, 'protocol.DomainPluginService/HandleHTTP');
    const pluginServer = one(plugin, /^protocol\.DomainPluginService\/HandleHTTP/);
    const handler = one(plugin, 'GET /api/traced/greet/:who');
    const serviceCall = one(plugin, 'qntx.host.v1.HostServices/CountAttestations');
    const serviceServer = one(host, 'qntx.host.v1.HostServices/CountAttestations');

    expect([hostServer.kind, hostCall.kind, pluginServer.kind, handler.kind, serviceCall.kind, serviceServer.kind]).toEqual([
      SpanKind.SERVER,
      SpanKind.CLIENT,
      SpanKind.SERVER,
      SpanKind.INTERNAL,
      SpanKind.CLIENT,
      SpanKind.SERVER,
    ]);
    expect(hostServer.parentSpanId).toBe(client.spanId);
    expect(hostCall.parentSpanId).toBe(hostServer.spanId);
    expect(pluginServer.parentSpanId).toBe(hostCall.spanId);
    expect(handler.parentSpanId).toBe(pluginServer.spanId);
    expect(serviceCall.parentSpanId).toBe(handler.spanId);
    expect(serviceServer.parentSpanId).toBe(serviceCall.spanId);

    // The plugin's log line from the handler carries the trace and the handler's span; the host's
    // access log line for the request carries the trace.
    const line = await readUntil(async () => pluginLogLines.find((l) => l.msg === 'greeting ada'), (l) => l !== undefined);
    expect(line).toMatchObject({ traceId: client.traceId, spanId: handler.spanId });
    expect(hostLogLines.find((l) => l.msg === 'GET /api/traced/greet/ada 200')).toMatchObject({ traceId: client.traceId, plugin: 'traced' });
  });

  it('a command run through the host: caller → ExecuteCommandStream → the plugin\'s server span → the command → host service, one trace', async () => {
    const traced = externalApp.get(DomainRegistry).get('traced')!;
    const command = (await traced.commands()).find((definition) => commandWord(definition) === 'traced')!.subcommands.find((sub) => commandWord(sub) === 'count')!;
    let out = '';
    const { traceId, rootId, result } = await trace.getTracer('test').startActiveSpan('qntx traced count', async (root) => {
      const run = await command.run!({ command: 'traced count', args: [], flags: {}, output: { stdout: (text) => void (out += text), stderr: () => undefined } });
      root.end();
      return { traceId: root.spanContext().traceId, rootId: root.spanContext().spanId, result: run };
    });
    expect([result.exitCode, out]).toEqual([0, '0\n']);
    const host = await readUntil(async () => hostSpans(traceId), (spans) => spans.some((s) => s.name.endsWith('/CountAttestations')));
    const inPlugin = await readUntil(async () => pluginSpans(traceId), (spans) => spans.some((s) => s.name.endsWith('/CountAttestations')));
    const call = one(host, 'protocol.DomainPluginService/ExecuteCommandStream');
    const server = one(inPlugin, 'protocol.DomainPluginService/ExecuteCommandStream');
    const handler = one(inPlugin, 'command traced count');
    const serviceCall = one(inPlugin, 'qntx.host.v1.HostServices/CountAttestations');
    const serviceServer = one(host, 'qntx.host.v1.HostServices/CountAttestations');
    expect(call.parentSpanId).toBe(rootId);
    expect(server.parentSpanId).toBe(call.spanId);
    expect(handler.parentSpanId).toBe(server.spanId);
    expect(serviceCall.parentSpanId).toBe(handler.spanId);
    expect(serviceServer.parentSpanId).toBe(serviceCall.spanId);
    const line = await readUntil(async () => pluginLogLines.find((l) => l.msg === 'counted'), (l) => l !== undefined);
    expect(line).toMatchObject({ traceId, spanId: handler.spanId });
  });

  it('a socket message: host → the plugin\'s server span → the socket handler → host service, in the upgrade request\'s trace', async () => {
    const client = clientTraceparent();
    const socket = await openSocket(`${externalUrl.replace('http', 'ws')}/ws/traced/count`, { headers: { traceparent: client.header } });
    socket.send('how many?');
    expect(await socket.waitFor(1)).toEqual(['0']);
    socket.ws.close();
    const host = await readUntil(async () => hostSpans(client.traceId), (spans) => spans.some((s) => s.name.endsWith('/CountAttestations')));
    const inPlugin = await readUntil(async () => pluginSpans(client.traceId), (spans) => spans.some((s) => s.name.endsWith('/CountAttestations')));
    const send = one(host, 'protocol.DomainPluginService/HandleWebSocket');
    const server = one(inPlugin, 'protocol.DomainPluginService/HandleWebSocket');
    const handler = one(inPlugin, 'WS /ws/traced/count message');
    const serviceCall = one(inPlugin, 'qntx.host.v1.HostServices/CountAttestations');
    const serviceServer = one(host, 'qntx.host.v1.HostServices/CountAttestations');
    expect([send.kind, server.kind, handler.kind]).toEqual([SpanKind.CLIENT, SpanKind.SERVER, SpanKind.INTERNAL]);
    expect(send.parentSpanId).toBe(client.spanId);
    expect(server.parentSpanId).toBe(send.spanId);
    expect(handler.parentSpanId).toBe(server.spanId);
    expect(serviceCall.parentSpanId).toBe(handler.spanId);
    expect(serviceServer.parentSpanId).toBe(serviceCall.spanId);
    const line = await readUntil(async () => pluginLogLines.find((l) => l.msg === 'counted for a socket'), (l) => l !== undefined);
    expect(line).toMatchObject({ traceId: client.traceId, spanId: handler.spanId });
  });

  it('a built-in plugin: the handler span continues the host\'s plugin call in-process', async () => {
    const builtin = await createBuiltinPlugin(TracedModule, { logger: false });
    const url = await startApp({ builtins: [builtin] });
    const client = clientTraceparent();
    expect((await fetch(`${url}/api/traced/greet/bo`, { headers: { traceparent: client.header } })).status).toBe(200);
    const host = await readUntil(async () => hostSpans(client.traceId), (spans) => spans.length >= 3);
    const hostServer = one(host, 'GET /api/traced');
    const hostCall = one(host, 'protocol.DomainPluginService/HandleHTTP');
    const handler = one(host, 'GET /api/traced/greet/:who');
    expect(hostServer.parentSpanId).toBe(client.spanId);
    expect(hostCall.parentSpanId).toBe(hostServer.spanId);
    expect(handler.parentSpanId).toBe(hostCall.spanId);
  });
});
