import request from 'supertest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';
import { GitRepo } from '../support/git-repo.fixture';

interface Hit {
  path: string;
  line: number;
  column: number;
  snippet: string;
}

/** A git workspace with what the tree must leave out, and links that lead outside. */
function makeWorkspace(): { repo: GitRepo; outside: string } {
  const outside = mkdtempSync(join(tmpdir(), 'qntx-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'the secret needle\n');
  const repo = GitRepo.init('qntx-code-ws-');
  repo
    .write('.gitignore', 'ignored.log\nbuild-output/\n')
    .write('README.md', '# demo\nfind the needle here\n')
    .write('src/a.ts', 'export const a = 1;\n// needle in a.ts, twice: needle\n')
    .write('src/b.ts', 'export const b = 2;\n')
    .commit('Start');
  repo.move('src/b.ts', 'src/bee.ts').commit('Rename b');
  repo.write('src/bee.ts', 'export const b = 3;\n').commit('Change bee');
  repo.write('untracked.ts', 'export const u = "needle";\n');
  repo.write('ignored.log', 'needle\n').write('build-output/x.js', 'needle\n');
  repo.write('node_modules/dep/index.js', 'needle\n').write('dist/main.js', 'needle\n');
  repo.write('bin/blob.bin', '');
  writeFileSync(join(repo.root, 'bin', 'blob.bin'), Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x00, 0x01]));
  symlinkSync(join(outside, 'secret.txt'), join(repo.root, 'escape.txt'));
  symlinkSync(outside, join(repo.root, 'linked-dir'));
  return { repo, outside };
}

describe.each(['external', 'built-in'] as CodePluginKind[])('code plugin routes (%s)', (kind) => {
  let repo: GitRepo;
  let outside: string;
  let code: CodeHost;
  let devCode: CodeHost;
  const http = () => request(code.host.app.getHttpServer());
  const devHttp = () => request(devCode.host.app.getHttpServer());

  beforeAll(async () => {
    ({ repo, outside } = makeWorkspace());
    code = await startCodeHost(kind, { workspace_root: repo.root });
    devCode = await startCodeHost(kind, { workspace_root: repo.root, dev_mode: 'true' });
  });

  afterAll(async () => {
    await code.close();
    await devCode.close();
    rmSync(repo.root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists tracked and untracked files, without .git, node_modules, build output, .gitignore matches or links', async () => {
    const res = await http().get('/api/code').expect(200);
    expect(res.body.source).toBe('git');
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual([
      '.gitignore',
      'README.md',
      'bin/blob.bin',
      'src/a.ts',
      'src/bee.ts',
      'untracked.ts',
    ]);
  });

  it('walks the folder honoring .gitignore when the workspace is no repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'qntx-plain-'));
    mkdirSync(join(plain, 'lib', 'gen'), { recursive: true });
    writeFileSync(join(plain, '.gitignore'), '*.tmp\n');
    writeFileSync(join(plain, 'lib', '.gitignore'), 'gen/\n!keep.tmp\n');
    writeFileSync(join(plain, 'lib', 'x.ts'), '');
    writeFileSync(join(plain, 'lib', 'scratch.tmp'), '');
    writeFileSync(join(plain, 'lib', 'keep.tmp'), '');
    writeFileSync(join(plain, 'lib', 'gen', 'out.ts'), '');
    mkdirSync(join(plain, 'node_modules'));
    writeFileSync(join(plain, 'node_modules', 'y.js'), '');
    const host = await startCodeHost(kind, { workspace_root: plain });
    try {
      const res = await request(host.host.app.getHttpServer()).get('/api/code').expect(200);
      expect(res.body.source).toBe('walk');
      expect(res.body.files.map((f: { path: string }) => f.path)).toEqual(['.gitignore', 'lib/.gitignore', 'lib/keep.tmp', 'lib/x.ts']);
    } finally {
      await host.close();
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('serves a file with its content type and a strong ETag, and 304 for If-None-Match', async () => {
    const first = await http().get('/api/code/files/src/a.ts').expect(200);
    expect(first.headers['content-type']).toBe('text/x-typescript; charset=utf-8');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const again = await http().get('/api/code/files/src/a.ts').set('If-None-Match', `W/"other", ${first.headers.etag}`);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    await http().get('/api/code/files/src/a.ts').set('If-None-Match', '"stale"').expect(200);
  });

  it.each([
    ['dot segments', '/api/code/files/../../etc/passwd'],
    ['encoded dot segments', '/api/code/files/..%2F..%2Fetc%2Fpasswd'],
    ['double-encoded dot segments', '/api/code/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['an absolute path', '/api/code/files/%2Fetc%2Fpasswd'],
    ['a symlink to a file outside', '/api/code/files/escape.txt'],
    ['a symlinked folder', '/api/code/files/linked-dir/secret.txt'],
  ])('refuses a read that escapes by %s with 403', async (_what, path) => {
    const res = await http().get(path);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('the secret needle');
  });

  it('refuses writes with 403 when dev_mode is off, and writes nothing', async () => {
    const res = await http().put('/api/code/files/src/new.ts').send('export {};\n').expect(403);
    expect(res.body.message).toMatch(/dev_mode = true/);
    expect(existsSync(join(repo.root, 'src', 'new.ts'))).toBe(false);
  });

  it('writes atomically in dev mode: 201 then 200, no temporary file left, If-Match checked', async () => {
    const path = `src/new-${kind}.ts`;
    const created = await devHttp().put(`/api/code/files/${path}`).set('content-type', 'text/plain').send('one\n').expect(201);
    expect(created.body).toMatchObject({ path, size: 4, created: true });
    expect(readFileSync(join(repo.root, path), 'utf8')).toBe('one\n');
    const replaced = await devHttp()
      .put(`/api/code/files/${path}`)
      .set('content-type', 'text/plain')
      .set('If-Match', created.body.etag)
      .send('two\n')
      .expect(200);
    expect(replaced.headers.etag).toBe(replaced.body.etag);
    await devHttp().put(`/api/code/files/${path}`).set('content-type', 'text/plain').set('If-Match', created.body.etag).send('three\n').expect(412);
    expect(readFileSync(join(repo.root, path), 'utf8')).toBe('two\n');
    expect(readdirSync(join(repo.root, 'src')).filter((name) => name.includes('qntx-tmp'))).toEqual([]);
    const read = await devHttp().get(`/api/code/files/${path}`).expect(200);
    expect(read.headers.etag).toBe(replaced.body.etag);
  });

  it.each([
    ['dot segments', '/api/code/files/../escaped.txt'],
    ['encoded dot segments', '/api/code/files/..%2Fescaped.txt'],
    ['a symlink to a file outside', '/api/code/files/escape.txt'],
    ['a new file under a symlinked folder', '/api/code/files/linked-dir/planted.txt'],
    ['a path into .git', '/api/code/files/.git/hooks/pre-commit'],
  ])('refuses a dev-mode write that escapes by %s with 403', async (_what, path) => {
    const res = await devHttp().put(path).set('content-type', 'text/plain').send('planted\n');
    expect(res.status).toBe(403);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('the secret needle\n');
    expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
    expect(existsSync(join(repo.root, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('finds a literal in the source files only, one result per line, as NDJSON', async () => {
    const res = await http().get('/api/code/search').query({ q: 'needle' }).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = res.text.trim().split('\n').map((line) => JSON.parse(line));
    const summary = lines.pop();
    const hits = (lines as Hit[]).sort((a, b) => a.path.localeCompare(b.path));
    expect(hits).toEqual([
      { path: 'README.md', line: 2, column: 10, snippet: 'find the needle here' },
      { path: 'src/a.ts', line: 2, column: 4, snippet: '// needle in a.ts, twice: needle' },
      { path: 'untracked.ts', line: 1, column: 19, snippet: 'export const u = "needle";' },
    ]);
    expect(summary).toMatchObject({ done: true, matches: 3, truncated: false });
    expect(summary.filesSkipped).toBeGreaterThanOrEqual(1); // the binary file
  });

  it('searches with a glob, a regular expression, ignoring case, and stops at the limit', async () => {
    const search = async (query: Record<string, string>) =>
      (await http().get('/api/code/search').query(query).expect(200)).text.trim().split('\n').map((line) => JSON.parse(line));
    expect((await search({ q: 'needle', glob: 'src/**' })).slice(0, -1).map((h: Hit) => h.path)).toEqual(['src/a.ts']);
    const regex = await search({ q: 'export const [ab] = \\d', regex: 'true' });
    expect(regex.slice(0, -1).map((h: Hit) => h.path).sort()).toEqual(['src/a.ts', 'src/bee.ts']);
    expect((await search({ q: 'NEEDLE', ignoreCase: 'true' })).pop()).toMatchObject({ matches: 3 });
    expect((await search({ q: 'NEEDLE' })).pop()).toMatchObject({ matches: 0 });
    const limited = await search({ q: 'needle', limit: '2' });
    expect(limited).toHaveLength(3);
    expect(limited.pop()).toMatchObject({ matches: 2, truncated: true });
  });

  it.each([
    ['a glob with dot segments', '../**'],
    ['an encoded-looking glob that decodes to dot segments', '..%2F**'],
    ['an absolute glob', '/etc/**'],
  ])('refuses a search glob that leaves the workspace (%s) with 403', async (_what, glob) => {
    const res = await request(code.host.app.getHttpServer()).get(`/api/code/search?q=secret&glob=${encodeURIComponent(decodeURIComponent(glob))}`);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('the secret needle');
  });

  it('never searches through a link: the outside file stays unseen', async () => {
    const res = await http().get('/api/code/search').query({ q: 'the secret needle' }).expect(200);
    expect(JSON.parse(res.text.trim())).toMatchObject({ matches: 0 });
  });

  it('answers 400 for a search without q, with a bad regex or a bad limit', async () => {
    await http().get('/api/code/search').expect(400);
    await http().get('/api/code/search').query({ q: '(', regex: 'true' }).expect(400);
    await http().get('/api/code/search').query({ q: 'x', limit: '0' }).expect(400);
  });

  it("gives one file's history, following its rename, and refuses paths outside", async () => {
    const res = await http().get('/api/code/git/log').query({ path: 'src/bee.ts' }).expect(200);
    expect(res.body.commits.map((c: { subject: string; status: string; path: string }) => [c.subject, c.status, c.path])).toEqual([
      ['Change bee', 'M', 'src/bee.ts'],
      ['Rename b', 'R', 'src/bee.ts'],
      ['Start', 'A', 'src/b.ts'],
    ]);
    expect(res.body.commits[0].author).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await http().get('/api/code/git/log').query({ path: '../x' }).expect(403);
    await http().get('/api/code/git/log').query({ path: 'linked-dir/secret.txt' }).expect(403);
  });

  it('reports workspace, git, host-services channel and store in its health, each with its own detail', async () => {
    const res = await http().get('/api/plugins').expect(200);
    const health = res.body.plugins.find((p: { name: string }) => p.name === 'code').health;
    expect(health.healthy).toBe(true);
    expect(health.details).toMatchObject({
      workspace: repo.root,
      git: expect.stringMatching(/^git version \d+\.\d+/),
      'host-services': kind === 'external' ? expect.stringMatching(/^host-services at 127\.0\.0\.1:\d+ \(\d+ ms\)$/) : 'in-process',
      store: expect.stringMatching(/^\d+ attestations written by code$/),
    });
  });
});
