import request from 'supertest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';

/**
 * A package.json whose two lines of 24 and 25 characters make a backtracking engine take about
 * 10 s on `(.+)+Z$` (V8's RegExp, 2^n steps per line); a linear-time engine takes microseconds.
 */
function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'qntx-regex-ws-'));
  writeFileSync(join(root, 'package.json'), `{\n  "name": "pkg-xxxxxxxx",\n  "version": "1.0.0-xxx"\n}\n`);
  writeFileSync(join(root, 'README.md'), '# demo\n');
  // 4 MiB of lines no `[a-z]*a[a-z]{20}` matches: an allowed pattern that makes the engine work hard (seconds in all).
  writeFileSync(join(root, 'big.txt'), `${'abcdefghij klmnopqrs tuvwxyz '.repeat(6)}\n`.repeat(24_000));
  writeFileSync(join(root, 'a.ts'), 'const café = 1;\r\nexport const b = 2; // the end\n');
  return root;
}

interface Probe {
  /** Slowest answer to GET /api/code/files/README.md sent while the search ran, in ms. */
  slowestMs: number;
  probes: number;
  /** Longest gap between two ticks of a 5 ms timer: how long this process's event loop was held. */
  longestStallMs: number;
}

/** Sends requests back to back (and ticks a timer) until `work` settles, for at least `minMs`. */
async function probeWhile(code: CodeHost, work: Promise<unknown>, minMs = 300): Promise<Probe> {
  let settled = false;
  void work.finally(() => (settled = true));
  const started = Date.now();
  let lastTick = Date.now();
  let longestStallMs = 0;
  const ticker = setInterval(() => {
    longestStallMs = Math.max(longestStallMs, Date.now() - lastTick);
    lastTick = Date.now();
  }, 5);
  let slowestMs = 0;
  let probes = 0;
  try {
    while (!settled || Date.now() - started < minMs) {
      const sent = Date.now();
      await request(code.host.app.getHttpServer()).get('/api/code/files/README.md').expect(200);
      slowestMs = Math.max(slowestMs, Date.now() - sent);
      probes++;
    }
  } finally {
    clearInterval(ticker);
  }
  return { slowestMs, probes, longestStallMs };
}

describe.each(['external', 'built-in'] as CodePluginKind[])('regular expression search (%s)', (kind) => {
  let root: string;
  let code: CodeHost;
  const http = () => request(code.host.app.getHttpServer());

  beforeAll(async () => {
    root = makeWorkspace();
    code = await startCodeHost(kind, { workspace_root: root });
    // The first call of each route pays for loading and compiling code: not what is measured here.
    await http().get('/api/code/files/README.md').expect(200);
    await http().get('/api/code/search').query({ q: 'demo', regex: 'true' }).expect(200);
  });

  afterAll(async () => {
    await code.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a catastrophic-backtracking pattern promptly, and other routes stay under 100 ms meanwhile', async () => {
    const started = Date.now();
    const search = http().get('/api/code/search?regex=true&q=(.%2B)%2BZ%24&glob=package.json').then((res) => ({ res, ms: Date.now() - started }));
    const probe = await probeWhile(code, search);
    const { res, ms } = await search;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text.trim())).toMatchObject({ done: true, matches: 0, filesSearched: 1 });
    expect(ms).toBeLessThan(1000);
    expect(probe.probes).toBeGreaterThan(3);
    expect(probe.slowestMs).toBeLessThan(100);
    expect(probe.longestStallMs).toBeLessThan(100);
  });

  it('never holds the thread over 100 ms in a long regex scan of a big file: other routes are answered meanwhile', async () => {
    const search = Promise.resolve(http().get('/api/code/search').query({ q: '[a-z]*a[a-z]{20}', regex: 'true', glob: 'big.txt' }));
    const probe = await probeWhile(code, search);
    const summary = JSON.parse((await search).text.trim());
    expect(summary).toMatchObject({ done: true, matches: 0, filesSearched: 1 });
    expect(probe.longestStallMs).toBeLessThan(100);
    // Each of a request's hops waits for at most one 12 ms slice of the search.
    expect(probe.slowestMs).toBeLessThan(500);
  });

  it('matches line by line, as git grep: columns in characters, CRLF ends and anchors per line', async () => {
    const res = await http().get('/api/code/search').query({ q: '^export .* end$', regex: 'true' }).expect(200);
    const [hit] = res.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(hit).toEqual({ path: 'a.ts', line: 2, column: 1, snippet: 'export const b = 2; // the end' });
    const accented = await http().get('/api/code/search').query({ q: 'caf\\u00e9 = \\d', regex: 'true' }).expect(200);
    expect(JSON.parse(accented.text.split('\n')[0])).toMatchObject({ path: 'a.ts', line: 1, column: 7 });
    const across = await http().get('/api/code/search').query({ q: '1;\\s+export', regex: 'true' }).expect(200);
    expect(JSON.parse(across.text.trim())).toMatchObject({ done: true, matches: 0 });
  });

  it.each([
    ['a backreference', '(a)\\1', /backreference|RE2/i],
    ['a lookahead', 'a(?=b)', /lookahead|RE2/i],
    ['an unbalanced group', '(', /missing closing \)/],
    ['a pattern too large to run in bounded time', '(.*a){300}', /too large/],
  ])('refuses %s with a 400 that says why', async (_what, q, message) => {
    const res = await http().get('/api/code/search').query({ q, regex: 'true' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});
