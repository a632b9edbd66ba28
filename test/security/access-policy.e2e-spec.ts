import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codePluginHostOptions } from '../support/code-host.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { send } from '../support/http-client';
import { upgradeStatus } from '../support/websocket-client';
import { spawnHost } from '../support/host-process.fixture';

/** What a page on a rebinding domain (evil.example → 127.0.0.1) sends. */
const REBOUND = (port: number) => ({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` });

describe('DNS rebinding: requests for a foreign Host name', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'qntx-rebind-ws-'));
  writeFileSync(join(workspace, 'package.json'), '{}\n');
  let host: ListeningHost;

  beforeAll(async () => {
    const { options } = await codePluginHostOptions('built-in', { workspace_root: workspace });
    host = await startListeningHost(options);
  });

  afterAll(async () => {
    await host.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it.each([
    ['a plugin file', 'GET', '/api/code/files/package.json'],
    ['a plugin restart', 'POST', '/api/plugins/code/restart'],
    ['the plugin list', 'GET', '/api/plugins'],
    ['the status page', 'GET', '/'],
    ['the metrics', 'GET', '/metrics'],
  ])('refuses %s with 403 and a JSON body naming the setting', async (_what, method, path) => {
    const res = await send(`${host.url}${path}`, { method, headers: REBOUND(host.port) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body.toString()).message).toMatch(/"evil\.example".*\[host\] allowed_hosts/);
  });

  it('refuses the WebSocket upgrade with 403', async () => {
    const answer = await upgradeStatus(`${host.wsUrl}/ws/code/watch`, { headers: REBOUND(host.port) });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/allowed_hosts/);
  });

  it('accepts loopback names and IP addresses, as browsers and tools send them', async () => {
    for (const name of [`localhost:${host.port}`, `127.0.0.1:${host.port}`, `[::1]:${host.port}`, `app.localhost:${host.port}`]) {
      const res = await send(`${host.url}/api/code/files/package.json`, { headers: { host: name } });
      expect([name, res.status]).toEqual([name, 200]);
    }
  });

  it('accepts the names configured in allowed_hosts, a leading dot covering subdomains', async () => {
    const { options } = await codePluginHostOptions('built-in', { workspace_root: workspace });
    const named = await startListeningHost({ ...options, allowedHosts: ['qntx.example.com', '.corp.example'] });
    try {
      for (const [name, status] of [['qntx.example.com', 200], ['a.b.corp.example', 200], ['corp.example', 200], ['evil.example', 403]] as const) {
        const res = await send(`${named.url}/api/code/files/package.json`, { headers: { host: name } });
        expect([name, res.status]).toEqual([name, status]);
      }
    } finally {
      await named.close();
    }
  });
});

describe('an API token on plugin routes and sockets', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'qntx-token-ws-'));
  writeFileSync(join(workspace, 'package.json'), '{}\n');
  let host: ListeningHost;

  beforeAll(async () => {
    const { options } = await codePluginHostOptions('built-in', { workspace_root: workspace });
    host = await startListeningHost({ ...options, apiToken: 'tok-123' });
  });

  afterAll(async () => {
    await host.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('answers 401 without the token or with another, and serves the route with it', async () => {
    expect((await send(`${host.url}/api/code/files/package.json`)).status).toBe(401);
    const wrong = await send(`${host.url}/api/code/files/package.json`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body.toString())).toMatchObject({ error: 'Unauthorized', plugin: 'code' });
    const right = await send(`${host.url}/api/code/files/package.json`, { headers: { authorization: 'Bearer tok-123' } });
    expect(right.status).toBe(200);
  });

  it('refuses the upgrade without the token and opens the socket with it', async () => {
    expect((await upgradeStatus(`${host.wsUrl}/ws/code/watch`)).status).toBe(401);
    const answer = await upgradeStatus(`${host.wsUrl}/ws/code/watch`, { headers: { authorization: 'Bearer tok-123' } });
    expect(answer.status).toBe(101);
  });
});

describe('a host listening off loopback', () => {
  const home = mkdtempSync(join(tmpdir(), 'qntx-offloop-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('refuses to start without an access policy, naming the settings, and leaves no plugin behind', async () => {
    writeFileSync(join(home, 'am.plugins.toml'), '[[plugins]]\nname = "code"\nenabled = true\naddress = "127.0.0.1:1"\n');
    const host = spawnHost(home, { HOST: '0.0.0.0' });
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(host.output()).toMatch(/listen on 0\.0\.0\.0 .*\[host\] api_token.*\[host\] public = true/);
    expect(host.output()).not.toMatch(/^\s+at /m);
  });
});
