import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CODE_PLUGIN_MAIN, ensureBuilt } from '../support/process.helpers';
import { makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { chromiumMissing, HeadlessBrowser, launchChromium } from '../support/headless-browser';

const missing = chromiumMissing();
if (missing) console.warn(`Skipping the status page browser tests: ${missing}`);
const describeWithChromium = missing ? describe.skip : describe;

jest.setTimeout(90_000);

/** Where the test leaves its screenshots, for a person to look at. */
const SCREENSHOTS = join(tmpdir(), 'qntx-status-page');

/**
 * The status page in a real browser against a real host process, which launches the bundled
 * code plugin: what a user sees when the plugin is killed, restarts, and when they use the
 * page's own Logs and Restart buttons.
 */
describeWithChromium('the status page at GET /', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess;
  let browser: HeadlessBrowser;
  let page: Page;
  let url: string;
  const problems: string[] = [];

  const row = (name: string) => page.locator(`tr[data-plugin="${name}"]`);
  const pluginPid = async (): Promise<number> => {
    const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as {
      plugins: { name: string; pid: number }[];
    };
    return plugins.find((p) => p.name === 'code')!.pid;
  };

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    // A restart delay long enough for the page to show "restarting" before the plugin is back.
    writeFileSync(
      join(env.home, 'am.plugins.toml'),
      [
        '[[plugins]]',
        'name = "code"',
        `binary = "${CODE_PLUGIN_MAIN}"`,
        'health_interval_ms = 500',
        'restart_backoff_ms = 1500',
        'restart_backoff_max_ms = 1500',
      ].join('\n'),
    );
    host = spawnHost(env.home);
    await hostListening(host);
    url = host.readRuntimeFile().url;
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stopHost(host);
    env?.cleanup();
  });

  it('loads and shows the code plugin running, with its health, version, uptime, restarts and where it comes from', async () => {
    const response = await page.goto(`${url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
    await row('code').locator('[data-state="running"]').waitFor();
    await expect(page.title()).resolves.toBe('QNTX plugins');
    const cells = await row('code').locator('td').allInnerTexts();
    expect(cells[0]).toMatch(/^code\n?Source code of a workspace/);
    expect(cells[2]).toBe('✓ healthy');
    expect(cells[3]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(cells[4]).toMatch(/^\d+ s$/);
    expect(cells[5]).toBe('0');
    // Which process serves the plugin, and why the host uses it.
    expect(cells[6]).toBe(`pid ${await pluginPid()}\nlisted in ${join(env.home, 'am.plugins.toml')}`);
    await page.screenshot({ path: join(SCREENSHOTS, '1-running.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the plugin restarting after it is killed, then running again with one restart', async () => {
    const pid = await pluginPid();
    process.kill(pid, 'SIGKILL');
    await row('code').locator('[data-state="restarting"], [data-state="starting"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, '2-restarting.png'), fullPage: true });
    await row('code').locator('[data-state="running"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () => document.querySelector('tr[data-plugin="code"] [data-restarts]')?.textContent === '1',
    );
    const newPid = await pluginPid();
    expect(newPid).not.toBe(pid);
    await page.waitForFunction(
      (expected) => document.querySelector('tr[data-plugin="code"] [data-process]')?.textContent === expected,
      `pid ${newPid}`,
    );
    expect(problems).toEqual([]);
  });

  it("tails the plugin's output live, and restarts it with its button", async () => {
    await row('code').locator('button[data-logs="code"]').click();
    const log = page.locator('#log');
    await log.getByText('Nest microservice successfully started').first().waitFor();
    const before = await pluginPid();
    await row('code').locator('button[data-restart="code"]').click();
    await page.locator('#note').getByText('code is running (restarts: 2).').waitFor({ timeout: 20_000 });
    const after = await pluginPid();
    expect(after).not.toBe(before);
    // Lines of the new process arrive on the open stream: its output, and its logger's lines (host services).
    await log
      .locator('.line', { hasText: `${after} ` })
      .filter({ hasText: 'Nest microservice successfully started' })
      .waitFor();
    await log
      .locator('.line', { hasText: `${after} ` })
      .filter({ hasText: 'code plugin ready' })
      .waitFor();
    await page.waitForFunction(
      () => document.querySelector('tr[data-plugin="code"] [data-restarts]')?.textContent === '2',
    );
    await page.screenshot({ path: join(SCREENSHOTS, '3-logs.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
