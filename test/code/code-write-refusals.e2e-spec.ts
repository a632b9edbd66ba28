import request from 'supertest';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';
import { GitRepo } from '../support/git-repo.fixture';

/** A git workspace with links into the folders the plugin never writes. */
function makeWorkspace(): GitRepo {
  const repo = GitRepo.init('qntx-refusals-ws-');
  repo.write('README.md', '# demo\n').commit('Start');
  mkdirSync(join(repo.root, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(repo.root, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  symlinkSync('.git', join(repo.root, 'gl'));
  symlinkSync('node_modules', join(repo.root, 'nm'));
  mkdirSync(join(repo.root, 'src'));
  symlinkSync('../.git/hooks', join(repo.root, 'src', 'hooks'));
  return repo;
}

describe.each(['external', 'built-in'] as CodePluginKind[])('code plugin write refusals (%s)', (kind) => {
  let repo: GitRepo;
  let code: CodeHost;
  const put = (path: string) => request(code.host.app.getHttpServer()).put(path).set('content-type', 'text/plain').send('planted\n');

  beforeAll(async () => {
    repo = makeWorkspace();
    code = await startCodeHost(kind, { workspace_root: repo.root, dev_mode: 'true' });
  });

  afterAll(async () => {
    await code.close();
    rmSync(repo.root, { recursive: true, force: true });
  });

  it.each([
    ['a link to .git', 'gl/hooks/pre-commit', '.git/hooks/pre-commit'],
    ['a link to a folder in .git', 'src/hooks/pre-commit', '.git/hooks/pre-commit'],
    ['.git in capitals', '.GIT/hooks/pre-commit', '.GIT/hooks/pre-commit'],
    ['.git in mixed case', '.Git/config', '.git/config'],
    ['node_modules in capitals', 'NODE_MODULES/dep/index.js', 'NODE_MODULES/dep/index.js'],
    ['a link to node_modules', 'nm/dep/index.js', 'node_modules/dep/index.js'],
  ])('refuses a write into %s with 403, and writes nothing', async (_what, path, landing) => {
    const before = existsSync(join(repo.root, landing)) ? readFileSync(join(repo.root, landing), 'utf8') : null;
    const res = await put(`/api/code/files/${path}`);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/never writes/);
    const after = existsSync(join(repo.root, landing)) ? readFileSync(join(repo.root, landing), 'utf8') : null;
    expect(after).toBe(before);
  });

  it('answers a write to a name with a backslash with that very name', async () => {
    const res = await put('/api/code/files/..%5Cpwn.txt');
    expect(res.status).toBe(201);
    expect(res.body.path).toBe('..\\pwn.txt');
    expect(readFileSync(join(repo.root, '..\\pwn.txt'), 'utf8')).toBe('planted\n');
    expect(existsSync(join(repo.root, '..', 'pwn.txt'))).toBe(false);
  });
});
