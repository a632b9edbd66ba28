import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PLUGIN_MAIN, ensureBuilt, readUntil } from '../support/process.helpers';
import { FAST_SUPERVISION, makeHome } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { openSocket, TestSocket } from '../support/websocket-client';

jest.setTimeout(90_000);

/**
 * The code plugin's workspace watch is one watch shared by every client: the built host with the
 * code plugin it launches, many real WebSocket clients, and a git that writes down every
 * `ls-files` the plugin runs.
 */
describe('the code plugin shares one workspace watch', () => {
  let env: ReturnType<typeof makeHome>;
  let host: HostProcess;
  let url: string;
  let gitLog: string;

  const codeHealth = async (): Promise<Record<string, string>> => {
    const { plugins } = (await (await fetch(`${url}/api/plugins`)).json()) as {
      plugins: { name: string; health: { details: Record<string, string> } | null }[];
    };
    return plugins.find((p) => p.name === 'code')!.health?.details ?? {};
  };
  const listings = (): number => readFileSync(gitLog, 'utf8').split('\n').filter((line) => line.includes('ls-files')).length;

  beforeAll(async () => {
    ensureBuilt();
    env = makeHome();
    for (let folder = 0; folder < 20; folder++) {
      mkdirSync(join(env.workspace, 'src', `m${folder}`), { recursive: true });
      writeFileSync(join(env.workspace, 'src', `m${folder}`, 'index.ts'), `export const m = ${folder};\n`);
    }
    execFileSync('git', ['init', '-q'], { cwd: env.workspace });
    gitLog = join(env.home, 'git-calls.log');
    writeFileSync(gitLog, '');
    const git = join(env.home, 'logging-git');
    writeFileSync(git, `#!/bin/sh\necho "$*" >> "${gitLog}"\nexec git "$@"\n`);
    chmodSync(git, 0o755);
    writeFileSync(join(env.home, 'am.code.toml'), `workspace_root = "${env.workspace}"\ngit_binary = "${git}"\n`);
    writeFileSync(
      join(env.home, 'am.plugins.toml'),
      ['[host]', 'max_sockets_per_client = 400', '', '[[plugins]]', 'name = "code"', `binary = "${CODE_PLUGIN_MAIN}"`, FAST_SUPERVISION].join('\n'),
    );
    host = spawnHost(env.home);
    await hostListening(host);
    url = host.readRuntimeFile().url;
  });

  afterAll(async () => {
    await stopHost(host);
    env?.cleanup();
  });

  it('leaves no subscriber and no pending work once 200 watch sockets close, half of them abruptly', async () => {
    const sockets: TestSocket[] = await Promise.all(
      Array.from({ length: 200 }, () => openSocket(`${url.replace('http', 'ws')}/ws/code/watch`)),
    );
    sockets.forEach((socket, i) => socket.send(i % 4 === 0 ? '**' : `src/m${i % 20}/**`));
    // Half wait for their watch, then close; the other half leave without a close frame, most
    // before their watch is in place.
    await Promise.all(sockets.filter((_, i) => i % 2 === 0).map((socket) => socket.waitFor(1)));
    expect(Number((await codeHealth()).watches)).toBeGreaterThan(0);
    writeFileSync(join(env.workspace, 'src', 'm0', 'index.ts'), 'export const m = -1;\n');
    sockets.forEach((socket, i) => (i % 2 === 0 ? socket.ws.close(1000) : socket.ws.terminate()));
    await Promise.all(sockets.map((socket) => socket.closed));

    const details = await readUntil(codeHealth, (now) => now.watches === '0' && now['pending fs requests'] === '0', 5000);
    expect(details).toMatchObject({ watches: '0', 'pending fs requests': '0' });
    // One watch per folder for the whole plugin, however many clients watched.
    expect(Number(details['watched folders'])).toBeLessThanOrEqual(22);
  });

  it('answers the tree route without starting a process per request, and sees a new file', async () => {
    expect((await fetch(`${url}/api/code`)).status).toBe(200);
    const before = listings();
    const answers = await Promise.all(Array.from({ length: 30 }, () => fetch(`${url}/api/code`)));
    expect(answers.every((res) => res.status === 200)).toBe(true);
    expect(listings()).toBe(before);

    writeFileSync(join(env.workspace, 'src', 'm1', 'added.ts'), 'export {};\n');
    const tree = async (): Promise<string[]> =>
      ((await (await fetch(`${url}/api/code`)).json()) as { files: { path: string }[] }).files.map((file) => file.path);
    expect(await readUntil(tree, (paths) => paths.includes('src/m1/added.ts'), 5000)).toContain('src/m1/added.ts');
    await Promise.all(Array.from({ length: 30 }, () => fetch(`${url}/api/code`)));
    expect(listings() - before).toBeLessThanOrEqual(2);
  });
});
