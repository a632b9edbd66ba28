import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { startCodePlugin } from '../support/code-plugin.fixture';
import { HttpProbeModule } from '../support/http-probe.plugin';
import { GoExamples, buildGoExamples, describeWithGo } from './go-examples.fixture';

jest.setTimeout(60_000);

interface GoHostResult {
  code: number;
  out: string;
  err: string;
}

/**
 * The reverse direction: a Go program with the host side of QNTX's reference code
 * (examples/go-host: Metadata, Initialize with config, Commands, ExecuteCommand in the form
 * QNTX's client sends, HandleHTTP behind an http.ServeMux, Health, Shutdown) driving plugins
 * written with this SDK: the code plugin, and the HTTP probe plugin for what a request carries.
 */
describeWithGo("QNTX's Go host side (examples/go-host) driving this project's plugins", () => {
  let go: GoExamples;
  let code: RunningPlugin;
  let probe: RunningPlugin;
  let workspace: string;
  let config: string[];
  const goHost = (address: string, args: string[]): Promise<GoHostResult> =>
    new Promise((resolve) =>
      execFile(go.host, ['--plugin', address, ...config, ...args], { timeout: 20_000 }, (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out, err }),
      ),
    );

  beforeAll(async () => {
    go = await buildGoExamples();
    workspace = mkdtempSync(join(tmpdir(), 'qntx-go-host-'));
    writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
    writeFileSync(join(workspace, 'notes.md'), '# notes\n');
    config = ['--config', `workspace_root=${workspace}`, '--config', 'dev_mode=true'];
    code = await startCodePlugin();
    probe = await PluginFactory.create(HttpProbeModule, { port: 0, logger: false });
  }, 300_000);

  afterAll(async () => {
    await code?.close();
    await probe?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reads the metadata and the command definitions as the reference defines them', async () => {
    const metadata = await goHost(code.address, ['metadata']);
    expect(metadata.code).toBe(0);
    expect(JSON.parse(metadata.out)).toMatchObject({ name: 'code', version: expect.stringMatching(/^\d+\.\d+\.\d+/), qntx_version: expect.any(String) });
    const commands = JSON.parse((await goHost(code.address, ['commands'])).out);
    const top = commands.find((command: { name: string }) => command.name === 'code');
    expect(top.subcommands).toEqual(expect.arrayContaining(['ls [prefix]', 'stats']));
  });

  it('runs a subcommand sent as QNTX sends it (command "code", args ["stats"]) with the config of Initialize', async () => {
    const stats = await goHost(code.address, ['code', 'stats']);
    expect(stats).toEqual({ code: 0, out: `2 files, 14 bytes in ${workspace}\n`, err: '' });
  });

  it('reads the flags a reference host leaves in args, in long and short form', async () => {
    const listed = await goHost(code.address, ['code', '--', 'ls', '--limit', '1', '-s']);
    expect(listed).toEqual({ code: 0, out: '6\thello.txt\n', err: '' });
  });

  it("passes a failing command's exit code and stderr, and refuses an unknown one with exit 2", async () => {
    expect(await goHost(code.address, ['code', 'ls', 'nothing-here'])).toEqual({
      code: 1,
      out: '',
      err: 'No files under "nothing-here".\n',
    });
    const unknown = await goHost(code.address, ['code', 'lz']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Unknown command "lz" for "code"; one of: .*ls/);
  });

  it('reads its health', async () => {
    const health = JSON.parse((await goHost(code.address, ['health'])).out);
    expect(typeof health.healthy).toBe('boolean');
    expect(health.details).toEqual(expect.objectContaining({ workspace: expect.any(String) }));
  });

  it('serves the plugin through its http.ServeMux: a listing, a PUT with a body and the file read back', async () => {
    const served = await serve(go.host, ['--plugin', code.address, ...config, 'serve']);
    try {
      const tree = await fetch(`${served.url}/api/code`);
      expect(tree.status).toBe(200);
      expect(await tree.json()).toMatchObject({ root: workspace, count: 2 });
      const put = await fetch(`${served.url}/api/code/files/new.txt`, { method: 'PUT', body: 'written through Go\n' });
      expect(put.status).toBe(201);
      const read = await fetch(`${served.url}/api/code/files/new.txt`);
      expect(await read.text()).toBe('written through Go\n');
    } finally {
      await served.stop();
    }
  });

  it('delivers a repeated query parameter and the body; of a repeated header, the reference host keeps the first value', async () => {
    const served = await serve(go.host, ['--plugin', probe.address, 'serve']);
    try {
      // Two header lines, as a client may send them (Node's fetch would join them into one).
      const res = await post(`${served.url}/api/probe/echo/x?tag=a&tag=b`, { 'x-multi': ['one', 'two'] }, 'twelve bytes');
      expect(res.status).toBe(200);
      const seen = JSON.parse(res.body);
      expect(seen).toMatchObject({ method: 'POST', path: '/api/probe/echo/x', queryParams: { tag: ['a', 'b'] }, bodyBytes: 12 });
      // QNTX's proxyHTTPRequest builds its map with r.Header.Get: the second value is lost before the plugin.
      expect(seen.headers['x-multi']).toEqual(['one']);
    } finally {
      await served.stop();
    }
  });

  it('shuts the plugin down', async () => {
    expect(await goHost(probe.address, ['shutdown'])).toMatchObject({ code: 0, out: 'shut down\n' });
  });
});

function post(url: string, headers: Record<string, string[]>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts `go-host ... serve` and reads the address it prints. */
async function serve(binary: string, args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('go-host serve printed no address within 10 s')), 10_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    void exited.then(() => reject(new Error('go-host serve exited before listening')));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
