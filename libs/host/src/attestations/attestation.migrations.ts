/**
 * Schema migrations of the SQLite attestation store, applied in order inside one transaction.
 * The database's `user_version` pragma holds the schema version; never edit a released step,
 * add a new one.
 */
export const ATTESTATION_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE attestations (
        id         TEXT PRIMARY KEY,
        subject    TEXT NOT NULL,
        predicate  TEXT NOT NULL,
        context    TEXT NOT NULL DEFAULT '',
        actor      TEXT NOT NULL,
        timestamp  TEXT NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}',
        source     TEXT NOT NULL
      );
      CREATE INDEX attestations_by_time      ON attestations (timestamp, id);
      CREATE INDEX attestations_by_subject   ON attestations (subject, timestamp, id);
      CREATE INDEX attestations_by_predicate ON attestations (predicate, timestamp, id);
      CREATE INDEX attestations_by_context   ON attestations (context, timestamp, id);
      CREATE INDEX attestations_by_actor     ON attestations (actor, timestamp, id);
    `,
  },
  {
    // Plugins count and read their own records (the code plugin's health does, every few seconds).
    version: 2,
    sql: `CREATE INDEX attestations_by_source ON attestations (source, timestamp, id);`,
  },
];

export const LATEST_ATTESTATION_SCHEMA = ATTESTATION_MIGRATIONS[ATTESTATION_MIGRATIONS.length - 1].version;
