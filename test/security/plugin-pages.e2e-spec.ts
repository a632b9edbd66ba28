import { Module } from '@nestjs/common';
import { createBuiltinPlugin, Plugin, PluginRequest, PluginResponse, PluginRoute } from '@qntx/plugin-grpc';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { send } from '../support/http-client';
import { chromiumMissing, launchChromium } from '../support/headless-browser';
import type { PluginPipelineOptions } from '@qntx/host';

/** A page whose script tries to act as the host: read the plugin list, restart a plugin. */
const PAGE = `<!doctype html><title>a plugin page</title><script>
fetch('/api/plugins/pages/restart', { method: 'POST' }).catch(() => undefined);
fetch('/api/plugins').then((r) => r.json()).then((body) => console.log('result: read ' + body.plugins.length), () => console.log('result: blocked'));
</script>`;

@Plugin({ name: 'pages', version: '1.0.0', qntxVersion: '>= 0.1.0' })
class PagesPlugin {
  @PluginRoute('GET', 'page')
  page(): PluginResponse {
    return new PluginResponse(200, Buffer.from(PAGE), { 'content-type': 'text/html; charset=utf-8' });
  }

  @PluginRoute('POST', 'act')
  act(req: PluginRequest): object {
    return { acted: req.body.length };
  }
}

@Module({ providers: [PagesPlugin] })
class PagesModule {}

async function pagesHost(routes?: PluginPipelineOptions): Promise<ListeningHost> {
  const builtin = await createBuiltinPlugin(PagesModule, { logger: false });
  return startListeningHost({ builtins: [builtin], routes });
}

describe('requests from pages on other sites (CSRF), by Fetch Metadata and Origin', () => {
  let host: ListeningHost;
  beforeAll(async () => {
    host = await pagesHost();
  });
  afterAll(() => host.close());

  it.each([
    ['a cross-site form POST', 'POST', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }],
    ['a cross-site no-cors fetch POST', 'POST', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' }],
    ['a cross-site <img> GET', 'GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }],
    ['a POST from a foreign Origin without Fetch Metadata', 'POST', { origin: 'http://evil.example' }],
    ['a POST from the same host over another scheme', 'POST', { origin: 'https://127.0.0.1' }],
  ])('refuses %s with 403', async (_what, method, headers) => {
    const path = method === 'GET' ? '/api/pages/page' : '/api/pages/act';
    const res = await send(`${host.url}${path}`, { method, headers, body: method === 'POST' ? Buffer.from('x') : undefined });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'Forbidden', plugin: 'pages' });
  });

  it('lets a top-level navigation from another site, same-origin requests and non-browser clients through', async () => {
    const nav = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect((await send(`${host.url}/api/pages/page`, { headers: nav })).status).toBe(200);
    const same = { 'sec-fetch-site': 'same-origin', origin: host.url };
    expect((await send(`${host.url}/api/pages/act`, { method: 'POST', headers: same, body: Buffer.from('x') })).status).toBe(200);
    expect((await send(`${host.url}/api/pages/act`, { method: 'POST', body: Buffer.from('x') })).status).toBe(200);
  });

  it('lets a plugin meant to be public take cross-site requests', async () => {
    const open = await pagesHost({ plugins: { pages: { crossSite: true } } });
    try {
      const headers = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' };
      expect((await send(`${open.url}/api/pages/act`, { method: 'POST', headers, body: Buffer.from('x') })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('refuses plugin management from a sandboxed page (Origin "null") and from the same host over https', async () => {
    for (const origin of ['null', `https://127.0.0.1:${host.port}`]) {
      const res = await send(`${host.url}/api/plugins/pages/restart`, { method: 'POST', headers: { origin } });
      expect([origin, res.status]).toEqual([origin, 403]);
    }
  });
});

const missing = chromiumMissing();
if (missing) console.warn(`Skipping the plugin page browser test: ${missing}`);
(missing ? describe.skip : describe)("a plugin's page in Chromium", () => {
  /**
   * What the page's script reports on its console (a sandboxed page's title cannot be read). The
   * browser is closed before the host, so that no socket of its pool holds the host's close up.
   */
  async function resultOf(url: string): Promise<string> {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const reported = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('result: '), timeout: 15_000 });
      await page.goto(url);
      return (await reported).text().slice('result: '.length);
    } finally {
      await browser.close();
    }
  }

  it("runs sandboxed: its script can neither read the host's endpoints nor act on them", async () => {
    const host = await pagesHost();
    try {
      const res = await send(`${host.url}/api/pages/page`);
      expect(res.headers['content-security-policy']).toMatch(/^sandbox allow-scripts/);
      expect(res.headers['content-security-policy']).not.toMatch(/allow-same-origin/);
      expect(await resultOf(`${host.url}/api/pages/page`)).toBe('blocked');
    } finally {
      await host.close();
    }
  });

  it('acts as the host when the operator opts the plugin out (so the test above can fail)', async () => {
    const host = await pagesHost({ plugins: { pages: { sameOriginPages: true } } });
    try {
      expect((await send(`${host.url}/api/pages/page`)).headers['content-security-policy']).toBeUndefined();
      expect(await resultOf(`${host.url}/api/pages/page`)).toBe('read 1');
    } finally {
      await host.close();
    }
  });
});
