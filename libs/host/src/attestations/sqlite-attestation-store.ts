import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Attestation,
  AttestationPage,
  AttestationQuery,
  AttestationStore,
  AttestationWriteResult,
  DEFAULT_ATTESTATION_PAGE,
  MAX_ATTESTATION_PAGE,
  NewAttestation,
  decodeCursor,
  encodeCursor,
  normalizeInstant,
  validateAttestation,
} from '@qntx/domains';
import { ATTESTATION_MIGRATIONS, LATEST_ATTESTATION_SCHEMA } from './attestation.migrations';

interface Row {
  id: string;
  subject: string;
  predicate: string;
  context: string;
  actor: string;
  timestamp: string;
  attributes: string;
  source: string;
}

/**
 * Creates the database file readable by its owner only (0600, like run/host.json), or makes an
 * existing one so: SQLite would create it 0644, and it gives the -wal and -shm files it creates
 * the database file's mode. Ones left by an earlier run are narrowed too.
 */
function ownerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

const FILTER_COLUMNS = ['subject', 'predicate', 'context', 'actor', 'source'] as const;

/** The embedded attestation store: one SQLite file in $QNTX_HOME, WAL mode, migrated on open. */
export class SqliteAttestationStore implements AttestationStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(readonly file: string) {
    if (file !== ':memory:') ownerOnly(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO attestations (id, subject, predicate, context, actor, timestamp, attributes, source)
       VALUES (@id, @subject, @predicate, @context, @actor, @timestamp, @attributes, @source)`,
    );
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async put(source: string, records: NewAttestation[]): Promise<AttestationWriteResult> {
    const normalized = records.map(validateAttestation);
    const write = this.db.transaction((items: NewAttestation[]) => {
      let inserted = 0;
      for (const r of items) {
        inserted += this.insert.run({ ...r, attributes: JSON.stringify(r.attributes), source }).changes;
      }
      return inserted;
    });
    const inserted = write(normalized);
    return { inserted, existing: records.length - inserted };
  }

  async query(query: AttestationQuery): Promise<AttestationPage> {
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_ATTESTATION_PAGE, 1), MAX_ATTESTATION_PAGE);
    const { where, params } = this.where(query);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push('(timestamp > @afterTime OR (timestamp = @afterTime AND id > @afterId))');
      params.afterTime = after.timestamp;
      params.afterId = after.id;
    }
    const sql = `SELECT * FROM attestations ${clause(where)} ORDER BY timestamp, id LIMIT ${limit + 1}`;
    const rows = this.db.prepare(sql).all(params) as Row[];
    const records = rows.slice(0, limit).map(toAttestation);
    return rows.length > limit ? { records, nextCursor: encodeCursor(records[records.length - 1]) } : { records };
  }

  async count(query: AttestationQuery = {}): Promise<number> {
    const { where, params } = this.where(query);
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM attestations ${clause(where)}`).get(params) as { n: number };
    return row.n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private where(query: AttestationQuery): { where: string[]; params: Record<string, string> } {
    const where: string[] = [];
    const params: Record<string, string> = {};
    for (const column of FILTER_COLUMNS) {
      const value = query[column];
      if (value !== undefined) {
        where.push(`${column} = @${column}`);
        params[column] = value;
      }
    }
    if (query.since !== undefined) {
      where.push('timestamp >= @since');
      params.since = normalizeInstant('since', query.since);
    }
    if (query.until !== undefined) {
      where.push('timestamp < @until');
      params.until = normalizeInstant('until', query.until);
    }
    return { where, params };
  }

  private migrate(): void {
    const current = this.schemaVersion;
    if (current > LATEST_ATTESTATION_SCHEMA) {
      throw new Error(
        `${this.file} has attestation schema ${current}, newer than this host knows (${LATEST_ATTESTATION_SCHEMA}). Upgrade the host.`,
      );
    }
    const pending = ATTESTATION_MIGRATIONS.filter((m) => m.version > current);
    if (pending.length === 0) return;
    this.db.transaction(() => {
      for (const step of pending) {
        this.db.exec(step.sql);
        this.db.pragma(`user_version = ${step.version}`);
      }
    })();
  }
}

function clause(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function toAttestation(row: Row): Attestation {
  return { ...row, attributes: JSON.parse(row.attributes) as Record<string, unknown> };
}
