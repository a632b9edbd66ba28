import request from 'supertest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';
import { Author, GitRepo } from '../support/git-repo.fixture';

const MALLORY: Author = { name: 'Mallory Outside', email: 'mallory@example.com' };

/** A repository whose folder `ws/` is the workspace; the rest of it is outside. */
function makeRepository(): GitRepo {
  const repo = GitRepo.init('qntx-outer-repo-');
  repo.write('outer-secret.txt', 'outside\n').write('other/deep.txt', 'outside\n').commit('Outside work', MALLORY);
  repo.write('ws/a.ts', 'export const a = 1;\n').commit('Workspace work');
  return repo;
}

describe.each(['external', 'built-in'] as CodePluginKind[])('git/log pathspecs (%s)', (kind) => {
  let repo: GitRepo;
  let code: CodeHost;
  const http = () => request(code.host.app.getHttpServer());

  beforeAll(async () => {
    repo = makeRepository();
    code = await startCodeHost(kind, { workspace_root: join(repo.root, 'ws') });
  });

  afterAll(async () => {
    await code.close();
    rmSync(repo.root, { recursive: true, force: true });
  });

  it('gives the history of a workspace file inside a larger repository, with workspace-relative paths', async () => {
    const res = await http().get('/api/code/git/log').query({ path: 'a.ts' }).expect(200);
    expect(res.body.commits.map((c: { subject: string; path: string }) => [c.subject, c.path])).toEqual([['Workspace work', 'a.ts']]);
  });

  it.each([':(top)*', ':/outer-secret.txt', ':(top,glob)**', ':(glob)../**', ':!a.ts', '*', '**'])(
    'takes %s as a literal file name: nothing outside the workspace, no git command line',
    async (path) => {
      const res = await http().get('/api/code/git/log').query({ path });
      expect([200, 400, 403]).toContain(res.status);
      if (res.status === 200) expect(res.body).toEqual({ path, commits: [] });
      expect(res.text).not.toMatch(/deep\.txt|Mallory|Outside work|git log|--follow|fatal/);
    },
  );

  it('answers 400 for no path or the workspace root', async () => {
    await http().get('/api/code/git/log').expect(400);
    await http().get('/api/code/git/log').query({ path: '.' }).expect(400);
  });

  it("answers a git failure with a 500 naming the file, never git's command line or message", async () => {
    const bin = mkdtempSync(join(tmpdir(), 'qntx-failing-git-'));
    const failingGit = join(bin, 'git');
    writeFileSync(failingGit, '#!/bin/sh\necho "fatal: internal detail at /secret/place" >&2\nexit 128\n');
    chmodSync(failingGit, 0o755);
    const failing = await startCodeHost(kind, { workspace_root: join(repo.root, 'ws'), git_binary: failingGit });
    try {
      const res = await request(failing.host.app.getHttpServer()).get('/api/code/git/log').query({ path: 'a.ts' });
      expect(res.status).toBe(500);
      expect(res.text).toContain('a.ts');
      expect(res.text).not.toMatch(/fatal|secret\/place|--follow|--format|git log/);
    } finally {
      await failing.close();
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
