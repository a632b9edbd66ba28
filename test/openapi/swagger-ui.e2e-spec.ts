import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { QntxHostModule } from '@qntx/host';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { codePluginHostOptions } from '../support/code-host.fixture';
import { chromiumMissing, HeadlessBrowser, launchChromium } from '../support/headless-browser';
import { validateOpenApi } from '../support/openapi-document.validator';

const missing = chromiumMissing();
if (missing) console.warn(`Skipping the Swagger UI browser tests: ${missing}`);
const describeWithChromium = missing ? describe.skip : describe;

jest.setTimeout(90_000);

/**
 * Swagger UI at /api/docs in a real browser, against a user's app with the code plugin as its
 * own gRPC server: what a developer sees of the plugin's routes, read from the page's DOM.
 */
describeWithChromium('Swagger UI at /api/docs with the code plugin', () => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-swagger-home-'));
  const workspace = mkdtempSync(join(tmpdir(), 'qntx-swagger-ws-'));
  writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
  let app: INestApplication;
  let plugin: RunningPlugin | null;
  let url: string;
  let browser: HeadlessBrowser;
  let page: Page;
  const problems: string[] = [];

  const operation = (method: string, path: string) =>
    page.locator(`.opblock-${method}:has(.opblock-summary-path[data-path="${path}"])`);

  beforeAll(async () => {
    const setup = await codePluginHostOptions('external', { workspace_root: workspace });
    plugin = setup.plugin;
    @Module({ imports: [QntxHostModule.forRoot({ home, plugins: [], ...setup.options, statusPage: false })] })
    class UserAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [UserAppModule] }).setLogger(false as never).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await plugin?.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  it('serves a document that validates, with every code plugin route', async () => {
    const document = await (await fetch(`${url}/api/docs/openapi.json`)).json();
    expect(validateOpenApi(document)).toEqual({ valid: true, version: '3.0' });
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/code')).sort()).toEqual([
      '/api/code',
      '/api/code/files/{path}',
      '/api/code/git/log',
      '/api/code/search',
    ]);
  });

  it('loads the page without errors and lists the code plugin under its own tag', async () => {
    const response = await page.goto(`${url}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.locator('.opblock-tag[data-tag="code"]').waitFor();
    await expect(page.locator('.opblock-tag[data-tag="code"]').innerText()).resolves.toMatch(/^code\b/);
    await expect(operation('get', '/api/code/search').locator('.opblock-summary-description').innerText()).resolves.toBe('Search the workspace text');
    for (const [method, path] of [
      ['get', '/api/code'],
      ['get', '/api/code/files/{path}'],
      ['put', '/api/code/files/{path}'],
      ['get', '/api/code/git/log'],
    ]) {
      await expect(operation(method, path).count()).resolves.toBe(1);
    }
    expect(problems).toEqual([]);
  });

  it("shows a route's parameters when it is opened: the search query and a file's path", async () => {
    await operation('get', '/api/code/search').locator('.opblock-summary').click();
    const search = operation('get', '/api/code/search');
    await search.locator('tr[data-param-name="q"]').waitFor();
    const names = await search.locator('tr[data-param-name]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-param-name')));
    expect(names).toEqual(['q', 'glob', 'regex', 'ignoreCase', 'limit']);
    // Swagger UI marks a required parameter with the class "required" (shown as a star).
    await expect(search.locator('tr[data-param-name="q"] .parameter__name.required').count()).resolves.toBe(1);
    await expect(search.locator('tr[data-param-name="glob"] .parameter__name.required').count()).resolves.toBe(0);
    await expect(search.locator('tr[data-param-name="limit"] .parameter__in').innerText()).resolves.toMatch(/query/);

    await operation('get', '/api/code/files/{path}').locator('.opblock-summary').click();
    const read = operation('get', '/api/code/files/{path}');
    await read.locator('tr[data-param-name="path"]').waitFor();
    await expect(read.locator('tr[data-param-name="path"] .parameter__in').innerText()).resolves.toMatch(/path/);
    await expect(read.locator('tr[data-param-name="path"] .parameters-col_description').innerText()).resolves.toMatch(/relative to the workspace root/);
    expect(problems).toEqual([]);
  });

  it('runs a request from the page ("Try it out") and shows the plugin\'s answer', async () => {
    const read = operation('get', '/api/code/files/{path}');
    if (!(await read.locator('button.try-out__btn').isVisible())) await read.locator('.opblock-summary').click();
    await read.locator('button.try-out__btn').click();
    await read.locator('tr[data-param-name="path"] input').fill('hello.txt');
    await read.locator('button.execute').click();
    const answer = read.locator('.live-responses-table tr.response');
    await answer.waitFor();
    await expect(answer.locator('td.response-col_status').innerText()).resolves.toBe('200');
    await expect(answer.locator('td.response-col_description').innerText()).resolves.toContain('hello');
  });
});
