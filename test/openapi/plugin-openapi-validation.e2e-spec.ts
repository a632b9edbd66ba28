import { Body, Controller, INestApplication, Module, Post, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { json } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainPlugin } from '@qntx/domains';
import { QntxHostModule, QntxHostOptions } from '@qntx/host';
import { PluginFactory, RunningPlugin, createBuiltinPlugin } from '@qntx/plugin-grpc';
import { NoteDto, ValidatedNotesModule } from '../support/validated-notes.plugin';
import { ReferencePlugin, startReferencePlugin } from '../support/reference-plugin.fixture';
import { validateOpenApi } from '../support/openapi-document.validator';
import { readUntil } from '../support/process.helpers';
import { PluginProcess, startPluginProcess } from '../support/ts-plugin-process.fixture';

/** The user's own controller, validating the same class with Nest's ValidationPipe: the answer to match. */
@Controller('direct')
class DirectNotesController {
  @Post('notes')
  create(@Body(new ValidationPipe({ transform: true })) note: NoteDto): object {
    return { note };
  }
}

interface UserApp {
  app: INestApplication;
  url: string;
}

const home = mkdtempSync(join(tmpdir(), 'qntx-openapi-home-'));
const opened: INestApplication[] = [];

async function startApp(options: QntxHostOptions, adapter: 'express' | 'fastify' = 'express'): Promise<UserApp> {
  @Module({ imports: [QntxHostModule.forRoot({ home, plugins: [], statusPage: false, ...options })], controllers: [DirectNotesController] })
  class UserAppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [UserAppModule] }).setLogger(false as never).compile();
  // Fastify as it comes (its JSON parser on); Express without its body parser, the user's own
  // route parsing JSON as usual while plugin routes get the raw bytes.
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
      : moduleRef.createNestApplication({ bodyParser: false, logger: false }).use('/direct', json());
  await app.listen(0, '127.0.0.1');
  opened.push(app);
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('plugin routes described and validated by their classes', () => {
  let external: RunningPlugin;
  let reference: ReferencePlugin;
  let builtinApp: UserApp;
  let externalApp: UserApp;
  let child: PluginProcess;
  let processApp: UserApp;

  beforeAll(async () => {
    external = await PluginFactory.create(ValidatedNotesModule, { port: 0, logger: false });
    reference = await startReferencePlugin();
    const builtin: DomainPlugin = await createBuiltinPlugin(ValidatedNotesModule, { logger: false });
    builtinApp = await startApp({
      builtins: [builtin],
      plugins: [{ name: 'legacy', enabled: true, address: reference.address, requestTimeoutMs: 5000 }],
    });
    externalApp = await startApp({ plugins: [{ name: 'notes', enabled: true, address: external.address, requestTimeoutMs: 5000 }] });
    // The same plugin as a process of its own: validation runs there, not in the host.
    child = await startPluginProcess('test/fixtures/validated-notes-plugin.main.ts');
    processApp = await startApp({ plugins: [{ name: 'notes', enabled: true, address: child.address, requestTimeoutMs: 5000 }] });
  }, 60_000);

  afterAll(async () => {
    for (const app of opened) await app.close();
    await external?.close();
    await child?.kill();
    await reference?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const apps = (): [string, UserApp][] => [
    ['built-in', builtinApp],
    ['external', externalApp],
    ['external process', processApp],
  ];

  describe('validation', () => {
    const badNote = JSON.stringify({ title: '', priority: 9, tags: ['ok', 3] });

    it('answers a bad body with 400 and exactly the messages ValidationPipe gives a Nest controller, before the handler runs', async () => {
      const direct = await post(`${builtinApp.url}/direct/notes`, badNote);
      expect(direct.status).toBe(400);
      const expected = await direct.json();
      expect(expected.message).toEqual(
        expect.arrayContaining(['title must be longer than or equal to 1 characters', 'priority must not be greater than 5', 'each value in tags must be a string']),
      );
      for (const [kind, { url }] of apps()) {
        const before = await (await fetch(`${url}/api/notes/calls`)).json();
        const refused = await post(`${url}/api/notes/notes`, badNote);
        expect([kind, refused.status]).toEqual([kind, 400]);
        expect([kind, await refused.json()]).toEqual([kind, expected]);
        const after = await (await fetch(`${url}/api/notes/calls`)).json();
        expect([kind, after.create]).toEqual([kind, before.create]);
      }
    });

    it('reports every required property of a missing body, and refuses a body that is not JSON', async () => {
      for (const [kind, { url }] of apps()) {
        const empty = await fetch(`${url}/api/notes/notes`, { method: 'POST' });
        expect([kind, empty.status]).toEqual([kind, 400]);
        expect((await empty.json()).message).toEqual(expect.arrayContaining(['title must be a string', 'priority must be an integer number']));
        const garbled = await post(`${url}/api/notes/notes`, '{"title":');
        expect([kind, garbled.status, (await garbled.json()).message]).toEqual([kind, 400, 'The request body is not valid JSON.']);
      }
    });

    it('hands the handler an instance of the class for a good body', async () => {
      for (const [kind, { url }] of apps()) {
        const created = await post(`${url}/api/notes/notes`, JSON.stringify({ title: 'Ship it', priority: 2, tags: ['release'] }));
        expect([kind, created.status]).toEqual([kind, 201]);
        expect(await created.json()).toMatchObject({ note: { title: 'Ship it', priority: 2, tags: ['release'] }, instance: true });
      }
    });

    it('validates and converts the query with its class', async () => {
      for (const [kind, { url }] of apps()) {
        const refused = await fetch(`${url}/api/notes/notes?limit=0`);
        expect([kind, refused.status]).toEqual([kind, 400]);
        expect(await refused.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: ['limit must not be less than 1'] });
        const listed = await (await fetch(`${url}/api/notes/notes?limit=7`)).json();
        expect([kind, listed.limit, listed.limitType]).toEqual([kind, 7, 'number']);
      }
    });
  });

  describe('on Fastify', () => {
    let fastifyApp: UserApp;
    beforeAll(async () => {
      const builtin: DomainPlugin = await createBuiltinPlugin(ValidatedNotesModule, { logger: false });
      fastifyApp = await startApp({ builtins: [builtin] }, 'fastify');
    });

    it('serves the same document, Swagger UI and its assets', async () => {
      const document = await (await fetch(`${fastifyApp.url}/api/docs/openapi.json`)).json();
      expect(validateOpenApi(document).valid).toBe(true);
      expect(document.paths['/api/notes/notes'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/notes.NoteDto' });
      const page = await fetch(`${fastifyApp.url}/api/docs`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('<base href="/api/docs/">');
      const asset = await fetch(`${fastifyApp.url}/api/docs/swagger-ui-bundle.js`);
      expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    });

    it('answers a bad body with the same 400 as on Express, and the host\'s readiness', async () => {
      const badNote = JSON.stringify({ title: '', priority: 9 });
      const onExpress = await (await post(`${builtinApp.url}/api/notes/notes`, badNote)).json();
      const onFastify = await post(`${fastifyApp.url}/api/notes/notes`, badNote);
      expect(onFastify.status).toBe(400);
      expect(await onFastify.json()).toEqual(onExpress);
      expect((await fetch(`${fastifyApp.url}/api/health/ready`)).status).toBe(200);
    });
  });

  describe('the OpenAPI document at /api/docs/openapi.json', () => {
    it('validates, with the app\'s own routes, the plugin\'s operations under /api/notes tagged "notes", and its classes as schemas', async () => {
      for (const [kind, { url }] of apps()) {
        const response = await fetch(`${url}/api/docs/openapi.json`);
        expect([kind, response.status]).toEqual([kind, 200]);
        const document = await response.json();
        expect([kind, validateOpenApi(document)]).toEqual([kind, { valid: true, version: '3.0' }]);
        expect(document.paths['/direct/notes']).toHaveProperty('post');
        expect(document.tags).toEqual(expect.arrayContaining([{ name: 'notes', description: 'Notes with validated input — version 1.2.0' }]));
        expect(document.paths['/api/notes/notes'].post).toMatchObject({
          tags: ['notes'],
          operationId: 'notes.create',
          summary: 'Create a note',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/notes.NoteDto' } } } },
          responses: { 201: { description: 'The note as stored' }, 400: { description: 'The body does not describe a note' } },
        });
        expect(document.paths['/api/notes/notes'].get.parameters).toEqual([
          { name: 'limit', in: 'query', required: false, description: 'At most this many notes', schema: { type: 'number', minimum: 1, maximum: 100 } },
        ]);
        expect(document.paths['/api/notes/notes/{id}'].get.parameters).toEqual([
          { name: 'id', in: 'path', required: true, description: 'The note id', schema: { type: 'string' } },
        ]);
        expect(document.components.schemas['notes.NoteDto']).toMatchObject({ type: 'object', required: ['title', 'priority'] });
        expect(Object.keys(document.paths).some((path) => path.includes('{plugin}'))).toBe(false);
      }
    });

    it('refuses a request that names another host (DNS rebinding), as the host\'s other endpoints do', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        get(`${builtinApp.url}/api/docs/openapi.json`, { headers: { host: 'rebound.example' } }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', reject);
      });
      expect(status).toBe(403);
    });

    it('shows a reference plugin as one generic operation per method on /api/<name>/{path}', async () => {
      const document = await (await fetch(`${builtinApp.url}/api/docs/openapi.json`)).json();
      expect(Object.keys(document.paths['/api/legacy/{path}'])).toEqual(['get', 'post', 'put', 'patch', 'delete']);
      expect(document.paths['/api/legacy/{path}'].get).toMatchObject({
        tags: ['legacy'],
        operationId: 'legacy.any_get',
        parameters: [{ name: 'path', in: 'path', required: true }],
      });
      expect(document.tags.find((tag: { name: string }) => tag.name === 'legacy').description).toMatch(/it does not describe its routes/);
    });

    it('follows the plugins as they come and go: a plugin stopped is shown generically, with the reason', async () => {
      const app = await startApp({ plugins: [{ name: 'notes', enabled: true, address: external.address, requestTimeoutMs: 5000 }] });
      const before = await (await fetch(`${app.url}/api/docs/openapi.json`)).json();
      expect(before.paths).toHaveProperty(['/api/notes/notes']);
      await external.close();
      const after = await (await fetch(`${app.url}/api/docs/openapi.json`)).json();
      expect(after.paths).not.toHaveProperty(['/api/notes/notes']);
      expect(after.paths).toHaveProperty(['/api/notes/{path}']);
      expect(after.tags.find((tag: { name: string }) => tag.name === 'notes').description).toMatch(/its description could not be read/);
      expect(validateOpenApi(after).valid).toBe(true);
      external = await PluginFactory.create(ValidatedNotesModule, { port: Number(external.address.split(':')[1]), logger: false });
      // Back at the same address: the document shows it again once the host's channel reconnects.
      const again = await readUntil(
        async () => (await fetch(`${app.url}/api/docs/openapi.json`)).json(),
        (document) => '/api/notes/notes' in document.paths,
      );
      expect(again.paths).not.toHaveProperty(['/api/notes/{path}']);
    });
  });
});
