import request from 'supertest';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';

const RACE_MS = 3000;
const SECRET = 'the outside secret';

/**
 * Another process, swapping as fast as it can until killed: `victim.txt` between a file and a
 * link to a file outside, and `room/` between a folder and a link to a folder outside.
 */
const RACER = `
const fs = require('node:fs');
const [root, outside] = process.argv.slice(1);
const at = (name) => root + '/' + name;
for (;;) {
  try {
    fs.writeFileSync(at('.swap-file'), 'inside\\n');
    fs.renameSync(at('.swap-file'), at('victim.txt'));
    fs.symlinkSync(outside + '/secret.txt', at('.swap-link'));
    fs.renameSync(at('.swap-link'), at('victim.txt'));
    fs.renameSync(at('room'), at('.room-parked'));
    fs.symlinkSync(outside, at('room'));
    fs.renameSync(at('room'), at('.room-link'));
    fs.renameSync(at('.room-parked'), at('room'));
    fs.unlinkSync(at('.room-link'));
  } catch {}
}`;

function startRacer(root: string, outside: string): ChildProcess {
  return spawn(process.execPath, ['-e', RACER, root, outside], { stdio: 'ignore' });
}

/** Every file under `dir`, as paths relative to it (links not followed). */
function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listAll(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe.each(['external', 'built-in'] as CodePluginKind[])('symlink swap races (%s)', (kind) => {
  let root: string;
  let outside: string;
  let code: CodeHost;

  beforeAll(async () => {
    outside = mkdtempSync(join(tmpdir(), 'qntx-race-outside-'));
    writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);
    writeFileSync(join(outside, 'note.txt'), `${SECRET}\n`);
    root = mkdtempSync(join(tmpdir(), 'qntx-race-ws-'));
    writeFileSync(join(root, 'victim.txt'), 'inside\n');
    mkdirSync(join(root, 'room'));
    writeFileSync(join(root, 'room', 'note.txt'), 'inside\n');
    code = await startCodeHost(kind, { workspace_root: root, dev_mode: 'true' });
  });

  afterAll(async () => {
    await code.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it(`never reads or writes outside while another process swaps files and folders for links (${RACE_MS / 1000} s)`, async () => {
    const http = () => request(code.host.app.getHttpServer());
    const racer = startRacer(root, outside);
    const outcomes = { requests: 0, outsideReads: 0, statuses: new Map<number, number>() };
    const count = (status: number): void => void outcomes.statuses.set(status, (outcomes.statuses.get(status) ?? 0) + 1);
    const deadline = Date.now() + RACE_MS;
    const worker = async (): Promise<void> => {
      while (Date.now() < deadline) {
        for (const path of ['victim.txt', 'room/note.txt']) {
          const read = await http().get(`/api/code/files/${path}`);
          outcomes.requests++;
          count(read.status);
          if ((read.text ?? '').includes(SECRET) || (read.body instanceof Buffer && read.body.toString().includes(SECRET))) outcomes.outsideReads++;
        }
        for (const path of ['room/planted.txt', 'victim.txt']) {
          const written = await http().put(`/api/code/files/${path}`).set('content-type', 'text/plain').send('planted\n');
          outcomes.requests++;
          count(written.status);
        }
      }
    };
    try {
      await Promise.all([worker(), worker(), worker(), worker()]);
    } finally {
      racer.kill('SIGKILL');
    }
    expect(outcomes.requests).toBeGreaterThan(100);
    expect(outcomes.outsideReads).toBe(0);
    expect(listAll(outside).sort()).toEqual(['note.txt', 'secret.txt']);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(readFileSync(join(outside, 'note.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(listAll(root).filter((name) => name.includes('qntx-tmp'))).toEqual([]);
    // Only refusals and successes: never a 500.
    expect([...outcomes.statuses.keys()].every((status) => status < 500)).toBe(true);
  });
});
