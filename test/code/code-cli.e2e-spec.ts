import * as grpc from '@grpc/grpc-js';
import { execSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostServicesClient } from '@qntx/plugin-grpc';
import { collect, makeHome, runQntx, spawnQntx, closedAddress } from '../support/cli.fixture';
import { CODE_PLUGIN_MAIN, ensureBuilt, waitUntil } from '../support/process.helpers';
import { FAST_SUPERVISION } from '../support/supervised-host.fixture';
import { HostProcess, hostListening, spawnHost, stopHost } from '../support/host-process.fixture';
import { GitRepo, sampleHistory } from '../support/git-repo.fixture';

interface QueryJson {
  records: { id: string; subject: string; predicate: string; source: string; actor: string }[];
  nextCursor: string | null;
}

/** `node bin/qntx.js ...` as a user runs it, with and without a running host. */
describe('qntx code ix git and qntx attestations query', () => {
  let history: ReturnType<typeof sampleHistory>;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureBuilt();
    history = sampleHistory();
    // Nothing answers at the default address: the CLI starts the bundled plugin itself.
    env = { QNTX_CODE_PLUGIN_ADDRESS: await closedAddress() };
  });
  afterAll(() => rmSync(history.repo.root, { recursive: true, force: true }));

  const queryJson = async (home: string, args: string[]): Promise<QueryJson> => {
    const result = await runQntx(['attestations', 'query', ...args, '--json'], { home, env });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.out) as QueryJson;
  };

  describe('without a host', () => {
    let home: string;
    beforeEach(() => (home = makeHome()));
    afterEach(() => rmSync(home, { recursive: true, force: true }));

    it('ingests into $QNTX_HOME/attestations.db through the plugin it starts, and adds nothing the second time', async () => {
      const first = await runQntx(['code', 'ix', 'git', history.repo.root], { home, env });
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/: 7 commits, (\d+) attestations: \1 new, 0 already present/);
      expect(existsSync(join(home, 'attestations.db'))).toBe(true);
      expect(statSync(join(home, 'attestations.db')).mode & 0o777).toBe(0o600); // like run/host.json
      const commits = await queryJson(home, ['--predicate', 'commit', '--all']);
      expect(commits.records).toHaveLength(history.repo.commitCount());
      expect(commits.records.every((r) => r.source === 'code')).toBe(true);

      const second = await runQntx(['code', 'ix', 'git', history.repo.root], { home, env });
      expect(second.out).toMatch(/: 7 commits, (\d+) attestations: 0 new, \1 already present/);
      expect((await queryJson(home, ['--all'])).records).toHaveLength(Number(first.out.match(/(\d+) attestations/)![1]));
    });

    it('filters by subject and pages with --limit and --cursor', async () => {
      await runQntx(['code', 'ix', 'git', history.repo.root, '--actor', 'cli-test'], { home, env });
      const bob = await queryJson(home, ['--subject', 'author:bob@example.com']);
      expect(bob.records.map((r) => r.predicate)).toEqual(['authored', 'authored']);
      expect(bob.records.every((r) => r.actor === 'cli-test')).toBe(true);
      const page1 = await queryJson(home, ['--predicate', 'commit', '--limit', '4']);
      expect(page1.records).toHaveLength(4);
      const page2 = await queryJson(home, ['--predicate', 'commit', '--limit', '4', '--cursor', page1.nextCursor!]);
      expect(page2.records).toHaveLength(3);
      expect(page2.nextCursor).toBeNull();
      const table = await runQntx(['attestations', 'query', '--subject', 'author:bob@example.com'], { home, env });
      expect(table.out).toMatch(/^TIMESTAMP\s+SUBJECT\s+PREDICATE/);
      expect(table.out).toContain('2 records');
    });

    it('counts only on --dry-run: no store file is even created', async () => {
      const result = await runQntx(['code', 'ix', 'git', history.repo.root, '--dry-run'], { home, env });
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Dry run .*: 7 commits would give \d+ attestations; nothing written/);
      expect(existsSync(join(home, 'attestations.db'))).toBe(false);
      expect((await queryJson(home, [])).records).toEqual([]);
    });

    it('refuses a bad flag value with exit 2, naming the flag', async () => {
      const result = await runQntx(['attestations', 'query', '--until', 'soon'], { home, env });
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/--until must be a date/);
    });

    it('streams progress to stderr while a long ingestion runs, then prints the summary', async () => {
      const big = GitRepo.init('qntx-big-cli-');
      const lines: string[] = [];
      for (let i = 1; i <= 8000; i++) {
        lines.push('commit refs/heads/main', `committer Ada <ada@example.com> ${1704067200 + i * 60} +0000`, `data ${`c${i}`.length}`, `c${i}`);
        lines.push(`M 644 inline f${i % 40}.txt`, `data ${`${i}\n`.length}`, `${i}\n`);
      }
      execSync('git fast-import --quiet', { cwd: big.root, input: `${lines.join('\n')}\n` });
      try {
        const child = spawnQntx(['code', 'ix', 'git', big.root], { home, env });
        let firstStderrAt: number | null = null;
        child.stderr!.once('data', () => (firstStderrAt = Date.now()));
        const result = await collect(child);
        const endedAt = Date.now();
        expect(result.code).toBe(0);
        expect(result.err).toMatch(/^ix git: \d+ commits, \d+ attestations \(\d+ commits\/s\)$/m);
        expect(result.out).toMatch(/: 8000 commits, 24000 attestations: 24000 new/);
        expect(firstStderrAt).not.toBeNull();
        expect(endedAt - firstStderrAt!).toBeGreaterThan(100);
      } finally {
        rmSync(big.root, { recursive: true, force: true });
      }
    });
  });

  describe('with the host running', () => {
    let home: string;
    let host: HostProcess;

    beforeAll(async () => {
      home = makeHome();
      writeFileSync(join(home, 'am.plugins.toml'), `[[plugins]]\nname = "code"\nbinary = "${CODE_PLUGIN_MAIN}"\n${FAST_SUPERVISION}\n`);
      writeFileSync(join(home, 'am.code.toml'), `workspace_root = "${history.repo.root}"\n`);
      host = spawnHost(home, { NO_COLOR: '1' });
      await hostListening(host);
    });

    afterAll(async () => {
      await stopHost(host);
      rmSync(home, { recursive: true, force: true });
    });

    it("ingests through the host's plugin into the host's store: the same records over HTTP and from the CLI", async () => {
      const result = await runQntx(['code', 'ix', 'git', '.'], { home, env });
      expect(result.err).toBe('');
      expect(result.out).toMatch(/: 7 commits, (\d+) attestations: \1 new/);
      const { url } = host.readRuntimeFile();
      const res = await fetch(`${url}/api/attestations?predicate=commit&limit=1000`);
      expect(res.status).toBe(200);
      const overHttp = (await res.json()) as QueryJson;
      expect(overHttp.records).toHaveLength(history.repo.commitCount());
      const fromFile = await queryJson(home, ['--predicate', 'commit', '--all']);
      expect(fromFile.records.map((r) => r.id)).toEqual(overHttp.records.map((r) => r.id));
    });

    it("puts the plugin's log lines in the host's log under the plugin's name", async () => {
      // Sent by the plugin over its channel (not its stdout, which the host relays under [plugin:code]).
      await waitUntil(() => /INFO: \[code\] code plugin ready \{"workspace":/.test(host.output()), 5000, 'the log line');
    });

    it("refuses host-services calls without the plugin's token, and the launch token is not that token", async () => {
      const match = host.output().match(/Host services for plugins on (127\.0\.0\.1:\d+)/);
      expect(match).not.toBeNull();
      const launchToken = host.readRuntimeFile().plugins[0].token!;
      for (const token of ['', 'wrong', launchToken]) {
        const client = new HostServicesClient(match![1], token);
        try {
          await expect(client.getConfig()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
          await expect(client.putAttestations({ records: [] })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
        } finally {
          client.close();
        }
      }
    });
  });
});
