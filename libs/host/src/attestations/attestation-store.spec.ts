import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AttestationStore, InMemoryAttestationStore, NewAttestation } from '@qntx/domains';
import { SqliteAttestationStore } from './sqlite-attestation-store';
import { ATTESTATION_MIGRATIONS, LATEST_ATTESTATION_SCHEMA } from './attestation.migrations';

const dir = mkdtempSync(join(tmpdir(), 'qntx-ats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (id: string, over: Partial<NewAttestation> = {}): NewAttestation => ({
  id,
  subject: 'repo:demo',
  predicate: 'has_commit',
  context: 'git',
  actor: 'ada',
  timestamp: '2026-01-01T00:00:00Z',
  attributes: { n: Number(id.replace(/\D/g, '')) || 0 },
  ...over,
});

/** The same behaviour from the SQLite store and the in-memory reference store. */
describe.each([
  ['sqlite', () => new SqliteAttestationStore(join(dir, `ats-${Math.random()}.db`))],
  ['in-memory', () => new InMemoryAttestationStore()],
] as const)('%s attestation store', (_kind, make) => {
  let store: AttestationStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it('writes idempotently by id and records the writing plugin as source', async () => {
    expect(await store.put('code', [record('a1'), record('a2')])).toEqual({ inserted: 2, existing: 0 });
    expect(await store.put('code', [record('a1', { subject: 'changed' }), record('a3')])).toEqual({ inserted: 1, existing: 1 });
    const { records } = await store.query({});
    expect(records.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    expect(records[0]).toMatchObject({ subject: 'repo:demo', source: 'code', attributes: { n: 1 } });
  });

  it('filters by subject, predicate, context, actor and time range', async () => {
    await store.put('code', [
      record('t1', { timestamp: '2026-01-01T00:00:00Z', actor: 'ada' }),
      record('t2', { timestamp: '2026-02-01T00:00:00Z', actor: 'bob', predicate: 'touched' }),
      record('t3', { timestamp: '2026-03-01T00:00:00Z', actor: 'bob', context: 'ci' }),
      record('t4', { timestamp: '2026-04-01T00:00:00+02:00', subject: 'repo:other' }),
    ]);
    const ids = async (q: object) => (await store.query(q)).records.map((r) => r.id);
    expect(await ids({ actor: 'bob' })).toEqual(['t2', 't3']);
    expect(await ids({ predicate: 'touched' })).toEqual(['t2']);
    expect(await ids({ context: 'ci' })).toEqual(['t3']);
    expect(await ids({ subject: 'repo:other' })).toEqual(['t4']);
    expect(await ids({ since: '2026-02-01T00:00:00Z', until: '2026-03-01T00:00:00Z' })).toEqual(['t2']);
    expect(await store.count({ actor: 'bob' })).toBe(2);
  });

  it('pages in timestamp order without skipping or repeating', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      record(`p${String(i).padStart(2, '0')}`, { timestamp: `2026-01-01T00:00:${String(i % 10).padStart(2, '0')}Z` }),
    );
    await store.put('code', many);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ limit: 7, cursor });
      seen.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('refuses a record without a subject or with a bad timestamp, naming the record', async () => {
    await expect(store.put('code', [record('bad', { subject: '' })])).rejects.toThrow('Attestation "bad" is invalid: "subject"');
    await expect(store.put('code', [record('bad2', { timestamp: 'yesterday' })])).rejects.toThrow(/"timestamp"/);
  });
});

describe('SqliteAttestationStore on disk', () => {
  it('uses WAL mode, records its schema version, and keeps data across reopen', async () => {
    const file = join(dir, 'persist.db');
    const first = new SqliteAttestationStore(file);
    await first.put('code', [record('x1')]);
    expect(first.schemaVersion).toBe(LATEST_ATTESTATION_SCHEMA);
    await first.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const second = new SqliteAttestationStore(file);
    expect(await second.count()).toBe(1);
    await second.close();
  });

  it('migrates a database of an older schema in place, keeping its records', async () => {
    const file = join(dir, 'v1.db');
    const raw = new Database(file);
    raw.exec(ATTESTATION_MIGRATIONS[0].sql);
    raw.pragma('user_version = 1');
    raw.prepare(`INSERT INTO attestations VALUES ('old', 's', 'p', '', 'a', '2025-01-01T00:00:00.000Z', '{}', 'code')`).run();
    raw.close();
    const store = new SqliteAttestationStore(file);
    expect(store.schemaVersion).toBe(LATEST_ATTESTATION_SCHEMA);
    expect(await store.count({ source: 'code' })).toBe(1);
    await store.close();
    const check = new Database(file);
    const indexes = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'attestations_by_source'`).all();
    check.close();
    expect(indexes).toHaveLength(1);
  });

  it('refuses a database from a newer host', async () => {
    const file = join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new SqliteAttestationStore(file)).toThrow(/schema 99, newer than this host knows/);
  });
});

describe('the SQLite file', () => {
  const modeOf = (path: string): number => statSync(path).mode & 0o777;

  it('is created readable by its owner only, with its -wal and -shm files', async () => {
    const file = join(dir, 'owner-only.db');
    const store = new SqliteAttestationStore(file);
    await store.put('code', [record('p1')]);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect([file, `${file}-wal`, `${file}-shm`].map(modeOf)).toEqual([0o600, 0o600, 0o600]);
    await store.close();
  });

  it('narrows a file an earlier version left 0644', async () => {
    const file = join(dir, 'left-open.db');
    new Database(file).close();
    writeFileSync(`${file}-wal`, '');
    chmodSync(file, 0o644);
    chmodSync(`${file}-wal`, 0o644);
    const store = new SqliteAttestationStore(file);
    expect([file, `${file}-wal`].map(modeOf)).toEqual([0o600, 0o600]);
    await store.close();
  });
});
