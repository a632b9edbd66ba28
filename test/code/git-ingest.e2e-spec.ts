import request from 'supertest';
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Attestation } from '@qntx/domains';
import { CodeHost, CodePluginKind, startCodeHost } from '../support/code-host.fixture';
import { GitRepo, sampleHistory } from '../support/git-repo.fixture';

interface Page {
  records: Attestation[];
  nextCursor: string | null;
}

/** `qntx code ix git` through the host: the plugin writes through ServiceRegistry.attestations. */
describe.each(['external', 'built-in'] as CodePluginKind[])('git ingestion with the code plugin %s', (kind) => {
  let history: ReturnType<typeof sampleHistory>;
  let code: CodeHost;

  const query = async (params: Record<string, string>): Promise<Page> => {
    const res = await request(code.host.app.getHttpServer()).get('/api/attestations').query({ limit: '1000', ...params });
    expect(res.status).toBe(200);
    return res.body as Page;
  };
  const ixGit = (args: string[], flags: Record<string, string> = {}) => code.command(['ix', 'git'], args, flags);

  beforeAll(async () => {
    history = sampleHistory();
    code = await startCodeHost(kind, { workspace_root: history.repo.root });
  });

  afterAll(async () => {
    await code.close();
    rmSync(history.repo.root, { recursive: true, force: true });
  });

  it('counts without writing on --dry-run', async () => {
    const result = await ixGit([history.repo.root], { 'dry-run': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Dry run of .*: 7 commits would give \d+ attestations; nothing written/);
    expect((await query({})).records).toEqual([]);
  });

  it('writes one commit record per commit of every ref, as `git log --all` counts them', async () => {
    const result = await ixGit([history.repo.root]);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(history.repo.commitCount()).toBe(7);
    const commits = await query({ predicate: 'commit' });
    expect(commits.records).toHaveLength(history.repo.commitCount());
    expect(result.stdout).toMatch(/: 7 commits, (\d+) attestations: \1 new, 0 already present/);
    expect(commits.records.every((r) => r.source === 'code' && r.actor === 'code/ix-git')).toBe(true);
    expect(new Set(commits.records.map((r) => r.context))).toEqual(new Set([expect.stringMatching(/^repo:qntx-repo-/)]));
  });

  it('adds nothing when run again (ids come from the commit hashes)', async () => {
    const before = (await query({})).records.length;
    const result = await ixGit([history.repo.root], { actor: 'someone-else' });
    expect(result.stdout).toMatch(/: 7 commits, (\d+) attestations: 0 new, \1 already present/);
    expect((await query({})).records).toHaveLength(before);
  });

  it('records authors, parents of a merge, a rename with its old path, and a branch merged nowhere', async () => {
    const bob = await query({ subject: 'author:bob@example.com', predicate: 'authored' });
    expect(bob.records).toHaveLength(2);
    expect(bob.records[0].attributes).toMatchObject({ name: 'Bob Builder' });
    const merge = await query({ subject: `commit:${history.mergeCommit}` });
    expect(merge.records[0].attributes).toMatchObject({ merge: true, parents: [expect.any(String), expect.any(String)] });
    const renamed = await query({ subject: 'file:src/renamed.ts', predicate: 'touched' });
    expect(renamed.records.map((r) => r.attributes)).toEqual([{ commit: history.renameCommit, status: 'R', from: 'src/b.ts' }]);
    const side = await query({ subject: `commit:${history.sideCommit}` });
    expect(side.records[0]).toMatchObject({ timestamp: '2024-01-06T12:00:00.000Z', attributes: { message: 'Side work' } });
  });

  it('takes --since, --actor and a path relative to the workspace', async () => {
    const fresh = GitRepo.init('qntx-since-');
    try {
      for (let i = 0; i < 5; i++) fresh.write(`f${i}.txt`, `${i}\n`).commit(`c${i}`);
      // A whole instant: git reads a bare date as that day at the current time of day.
      const since = '2024-01-04T00:00:00Z';
      const result = await ixGit(['.'], { since });
      // "." is the plugin's workspace (the sample repository), already ingested: nothing new.
      expect(result.stdout).toMatch(/: 4 commits, (\d+) attestations: 0 new, \1 already present/);
      await ixGit([fresh.root], { since, actor: 'tester' });
      const expected = Number(execSync(`git log --all --oneline --since=${since} | wc -l`, { cwd: fresh.root, encoding: 'utf8' }));
      expect(expected).toBe(2);
      const records = (await query({ predicate: 'commit', actor: 'tester' })).records;
      expect(records).toHaveLength(expected);
    } finally {
      rmSync(fresh.root, { recursive: true, force: true });
    }
  });

  it('refuses what is not a repository, and a --since git would misread, with exit 1 and the reason', async () => {
    const outside = await ixGit(['/']);
    expect(outside.exitCode).toBe(1);
    expect(outside.stderr).toMatch(/\/ is not a git repository/);
    const since = await ixGit([history.repo.root], { since: 'last tuesday-ish' });
    expect(since).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/--since "last tuesday-ish" is not a date/) });
  });

  it('pages the API without skipping or repeating, and answers 400 naming a bad parameter', async () => {
    const all = (await query({})).records;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await query({ limit: '7', ...(cursor ? { cursor } : {}) });
      seen.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    const server = code.host.app.getHttpServer();
    for (const [params, param] of [
      ['since=yesterday', 'since'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=nonsense', 'cursor'],
      ['subjct=x', 'subjct'],
      ['subject=a&subject=b', 'subject'],
    ]) {
      const res = await request(server).get(`/api/attestations?${params}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'Bad Request', param });
      expect(res.body.message).toContain(`"${param}"`);
    }
  });
});

describe('git ingestion progress', () => {
  it('reports commits/s on stderr while it runs, before the summary', async () => {
    const repo = GitRepo.init('qntx-big-');
    // 6000 commits in one go: git fast-import is fast enough for a test.
    const lines: string[] = [];
    for (let i = 1; i <= 6000; i++) {
      const data = `line ${i}\n`;
      lines.push(
        'commit refs/heads/main',
        `committer Ada <ada@example.com> ${1704067200 + i * 60} +0000`,
        `data ${`c${i}`.length}`,
        `c${i}`,
        `M 644 inline f${i % 50}.txt`,
        `data ${Buffer.byteLength(data)}`,
        data,
      );
    }
    execSync('git fast-import --quiet', { cwd: repo.root, input: `${lines.join('\n')}\n` });
    const code = await startCodeHost('external', { workspace_root: repo.root });
    try {
      const result = await code.command(['ix', 'git'], [repo.root]);
      expect(result.exitCode).toBe(0);
      expect(repo.commitCount()).toBe(6000);
      expect(result.stdout).toMatch(/: 6000 commits, 18000 attestations: 18000 new/);
      expect(result.stderr).toMatch(/^ix git: \d+ commits, \d+ attestations \(\d+ commits\/s\)$/m);
      // Streamed: the first progress line arrived well before the command finished.
      expect(result.stderrAt[0]).toBeLessThan(result.finishedAt);
    } finally {
      await code.close();
      rmSync(repo.root, { recursive: true, force: true });
    }
  });
});
