import {
  ArgumentsHost,
  CallHandler,
  CanActivate,
  Catch,
  ExceptionFilter,
  ExecutionContext,
  INestApplication,
  Injectable,
  Module,
  NestInterceptor,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { Observable } from 'rxjs';
import { PluginHttpException, QntxHostModule } from '@qntx/host';
import { codePluginHostOptions } from '../support/code-host.fixture';
import { openSocket } from '../support/websocket-client';

const KEY = 'x-test-key';
const SECRET = 'open-sesame';

/** What a user's auth guard does: no key, no entry. */
@Injectable()
class HeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers[KEY] === SECRET;
  }
}

/** A user's logging interceptor: records every request it wraps and stamps its response. */
@Injectable()
class RecordingInterceptor implements NestInterceptor {
  static readonly seen: string[] = [];
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    RecordingInterceptor.seen.push(http.getRequest<{ originalUrl: string }>().originalUrl);
    this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'x-recorded', 'yes');
    return next.handle();
  }
}

/** A user's filter that gives plugin failures the app's own error shape (written as Nest's docs do, for any adapter). */
@Catch(PluginHttpException)
class ProblemFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: PluginHttpException, host: ArgumentsHost): void {
    const body = { problem: exception.body.message, source: exception.plugin, status: exception.getStatus() };
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, exception.getStatus());
  }
}

/** A guard given to one plugin only, through the host's options. */
@Injectable()
class CodeOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers['x-code-pass'] === 'yes';
  }
}

interface PipelineApp {
  app: INestApplication;
  url: string;
  wsUrl: string;
  stopPlugin(): Promise<void>;
  close(): Promise<void>;
}

const CASES = [
  ['built-in', 'express'],
  ['external', 'express'],
  ['built-in', 'fastify'],
  ['external', 'fastify'],
] as const;

describe.each(CASES)('plugin traffic inside the Nest pipeline (%s plugin, %s app)', (kind, adapter) => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-pipeline-home-'));
  const workspace = mkdtempSync(join(tmpdir(), 'qntx-pipeline-ws-'));
  writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
  const opened: PipelineApp[] = [];

  /** A user's app: its own global guard, interceptor and filter, and QntxHostModule imported. */
  async function startApp(configure: (app: INestApplication) => void = () => undefined, routes = {}): Promise<PipelineApp> {
    const setup = await codePluginHostOptions(kind, { workspace_root: workspace, dev_mode: 'true' }, 5000);
    @Module({
      imports: [QntxHostModule.forRoot({ home, plugins: [], ...setup.options, statusPage: false, routes })],
      providers: [
        { provide: APP_GUARD, useClass: HeaderGuard },
        { provide: APP_INTERCEPTOR, useClass: RecordingInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    })
    class UserAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UserAppModule] }).setLogger(false as never).compile();
    // Apps as their authors create them: Express without its body parser (as the host's docs
    // say); Fastify as it comes, with its own JSON and text parsers on.
    const app =
      adapter === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
        : moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configure(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const started = {
      app,
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}`,
      stopPlugin: async () => setup.plugin?.close(),
      close: async () => {
        await app.close();
        await setup.plugin?.close();
      },
    };
    opened.push(started);
    return started;
  }

  afterAll(async () => {
    for (const app of opened) await app.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  describe('with an APP_GUARD, APP_INTERCEPTOR and APP_FILTER', () => {
    let host: PipelineApp;
    beforeAll(async () => {
      host = await startApp();
    });

    it('refuses plugin routes without the key (403) and serves them with it', async () => {
      const refused = await fetch(`${host.url}/api/code/files/hello.txt`);
      expect(refused.status).toBe(403);
      const root = await fetch(`${host.url}/api/code`);
      expect(root.status).toBe(403);
      const allowed = await fetch(`${host.url}/api/code/files/hello.txt`, { headers: { [KEY]: SECRET } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toBe('hello\n');
    });

    it('refuses the WebSocket upgrade without the key and opens the socket with it', async () => {
      const refusal = await openSocket(`${host.wsUrl}/ws/code/watch`).then(
        () => null,
        (error: { status?: number; body?: string }) => error,
      );
      expect(refusal?.status).toBe(403);
      expect(JSON.parse(refusal!.body!)).toMatchObject({ plugin: 'code', error: 'Forbidden' });
      const socket = await openSocket(`${host.wsUrl}/ws/code/watch`, { headers: { [KEY]: SECRET } });
      socket.ws.close(1000);
      expect((await socket.closed).code).toBe(1000);
    });

    it('passes request bodies to the plugin, whatever their type', async () => {
      const headers = { [KEY]: SECRET };
      const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
      const binary = await fetch(`${host.url}/api/code/files/${adapter}-${kind}.bin`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      expect(binary.status).toBe(201);
      const back = await fetch(`${host.url}/api/code/files/${adapter}-${kind}.bin`, { headers });
      expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
      const json = await fetch(`${host.url}/api/code/files/${adapter}-${kind}.json`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"a":[1,"x"]}',
      });
      expect(json.status).toBe(201);
      expect(await (await fetch(`${host.url}/api/code/files/${adapter}-${kind}.json`, { headers })).text()).toBe('{"a":[1,"x"]}');
    });

    it('lets the global interceptor see plugin requests', async () => {
      RecordingInterceptor.seen.length = 0;
      const res = await fetch(`${host.url}/api/code/files/hello.txt?seen=1`, { headers: { [KEY]: SECRET } });
      expect(RecordingInterceptor.seen).toContain('/api/code/files/hello.txt?seen=1');
      // The header it set goes out with the plugin's answer, beside the plugin's own.
      expect(res.headers.get('x-recorded')).toBe('yes');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    });

    it("shapes the host's plugin errors with the app's exception filter", async () => {
      const unknown = await fetch(`${host.url}/api/nope/x`, { headers: { [KEY]: SECRET } });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ problem: 'No plugin named "nope" is registered.', source: 'nope', status: 404 });
    });

    if (kind === 'external') {
      it('shapes a 503 for a plugin that is down, keeping its Retry-After', async () => {
        const down = await startApp();
        await down.stopPlugin();
        const res = await fetch(`${down.url}/api/code/files/hello.txt`, { headers: { [KEY]: SECRET } });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await res.json()).toMatchObject({ source: 'code', status: 503 });
      });
    }
  });

  it('moves plugin routes under the global prefix, with the plugin seeing the same paths', async () => {
    const host = await startApp((app) => app.setGlobalPrefix('v1'));
    const headers = { [KEY]: SECRET };
    const prefixed = await fetch(`${host.url}/v1/api/code/files/hello.txt`, { headers });
    expect(prefixed.status).toBe(200);
    expect(await prefixed.text()).toBe('hello\n');
    expect((await fetch(`${host.url}/api/code/files/hello.txt`, { headers })).status).toBe(404);
    await host.close();
    opened.splice(opened.indexOf(host), 1);
  });

  it("applies a guard given for one plugin in the host's options to that plugin's routes and sockets", async () => {
    const host = await startApp(undefined, { plugins: { code: { guards: [CodeOnlyGuard] } } });
    const headers = { [KEY]: SECRET };
    expect((await fetch(`${host.url}/api/code/files/hello.txt`, { headers })).status).toBe(403);
    const both = { ...headers, 'x-code-pass': 'yes' };
    expect((await fetch(`${host.url}/api/code/files/hello.txt`, { headers: both })).status).toBe(200);
    await expect(openSocket(`${host.wsUrl}/ws/code/watch`, { headers })).rejects.toMatchObject({ status: 403 });
    const socket = await openSocket(`${host.wsUrl}/ws/code/watch`, { headers: both });
    socket.ws.close(1000);
    await socket.closed;
    await host.close();
    opened.splice(opened.indexOf(host), 1);
  });
});
